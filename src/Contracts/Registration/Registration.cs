using Auction.Contracts.Common;

namespace Auction.Contracts.Registration;

public enum ApplicationStatus { AwaitingDeposit, Qualified }

[GenerateSerializer, Immutable, Alias("auction.apply")]
public sealed record ApplyForListing(
    [property: Id(0)] string BidderId,
    [property: Id(1)] string BidderName,
    [property: Id(2)] string RequestId);

/// <summary>A bank's notice that money reached a deposit sub-account (R-DEP-02). Idempotent by <see cref="BankTxnId"/>.</summary>
[GenerateSerializer, Immutable, Alias("auction.deposit-credit")]
public sealed record DepositCredit(
    [property: Id(0)] string Account,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string BankTxnId,
    [property: Id(3)] DateTimeOffset CreditedAt);

[GenerateSerializer, Immutable, Alias("auction.application-view")]
public sealed record ApplicationView(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] string ListingId,
    [property: Id(2)] string BidderId,
    [property: Id(3)] string BidderName,
    [property: Id(4)] ApplicationStatus Status,
    [property: Id(5)] string DepositAccount,
    [property: Id(6)] decimal DepositDue,
    [property: Id(7)] decimal DepositPaid,
    [property: Id(8)] DateTimeOffset DepositDeadline,
    [property: Id(9)] string? BidderNo,
    [property: Id(10)] DateTimeOffset AppliedAt);

[GenerateSerializer, Immutable, Alias("auction.credit-result")]
public sealed record DepositCreditResult(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] decimal DepositPaid,
    [property: Id(2)] ApplicationStatus Status,
    [property: Id(3)] bool Duplicate,
    [property: Id(4)] bool ArrivedLate);

/// <summary>
/// The applications (报名) and deposits of one listing, keyed by listing id: one application per bidder,
/// a unique 13-digit deposit sub-account each (R-DEP-01), credits that add up (R-DEP-02).
/// </summary>
[Alias("auction.registration")]
public interface IListingRegistrationGrain : IGrainWithStringKey
{
    [Alias("apply")] Task<Outcome<ApplicationView>> Apply(ApplyForListing command);
    [Alias("credit")] Task<Outcome<DepositCreditResult>> Credit(DepositCredit credit);
    [Alias("application")] Task<Outcome<ApplicationView>> GetApplication(string bidderId);
    [Alias("applications")] Task<IReadOnlyList<ApplicationView>> GetApplications();
}

[GenerateSerializer, Immutable, Alias("auction.account-owner")]
public sealed record DepositAccountOwner([property: Id(0)] string ListingId, [property: Id(1)] string ApplicationId);

/// <summary>
/// One 13-digit deposit sub-account, keyed by its number: the route from a bank credit to its application.
/// A credit to an account nobody owns is recorded and refused (UNKNOWN_ACCOUNT).
/// </summary>
[Alias("auction.deposit-account")]
public interface IDepositAccountGrain : IGrainWithStringKey
{
    /// <summary>Claims the number for an application; false when another application holds it.</summary>
    [Alias("claim")] Task<bool> Claim(DepositAccountOwner owner);
    [Alias("owner")] Task<DepositAccountOwner?> GetOwner();
    [Alias("credit")] Task<Outcome<DepositCreditResult>> Credit(DepositCredit credit);
}
