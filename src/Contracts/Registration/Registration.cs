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

/// <summary>
/// One bank credit as recorded: the bank's <see cref="CreditedAt"/> beside the server's <see cref="ReceivedAt"/>
/// (when the callback arrived); <see cref="OnTime"/> says whether it counts towards qualification (R-DEP-02).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.credit-view")]
public sealed record CreditView(
    [property: Id(0)] string BankTxnId,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] DateTimeOffset CreditedAt,
    [property: Id(3)] DateTimeOffset? ReceivedAt,
    [property: Id(4)] bool OnTime);

/// <summary>
/// An application. <see cref="Seq"/> and <see cref="Hash"/> identify the <c>applicationSubmitted</c> entry of the
/// listing's registration stream (<c>registration/{listingId}</c>), the application's receipt.
/// </summary>
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
    [property: Id(10)] DateTimeOffset AppliedAt,
    [property: Id(11)] long Seq,
    [property: Id(12)] string Hash,
    [property: Id(13)] IReadOnlyList<CreditView> Credits);

/// <summary>The answer to a bank credit; <see cref="Credit"/> is the credit as recorded (the first one for a duplicate).</summary>
[GenerateSerializer, Immutable, Alias("auction.credit-result")]
public sealed record DepositCreditResult(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] decimal DepositPaid,
    [property: Id(2)] ApplicationStatus Status,
    [property: Id(3)] bool Duplicate,
    [property: Id(4)] bool ArrivedLate,
    [property: Id(5)] CreditView? Credit = null);

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

/// <summary>
/// One bank transaction id, across every listing: the first credit that uses it fixes its body (account, amount,
/// bank time). A later credit with the same id and another body is refused (<c>IDEMPOTENCY_MISMATCH</c>), so a
/// replayed or reused transaction id can never move money to another account or change an amount.
/// </summary>
[Alias("auction.bank-transaction")]
public interface IBankTransactionGrain : IGrainWithStringKey
{
    /// <summary>Records the body on first use; null when this body matches, else the refusal.</summary>
    [Alias("claim")] Task<Rejection?> Claim(DepositCredit credit);
}
