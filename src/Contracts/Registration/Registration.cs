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
/// (when the callback arrived); <see cref="OnTime"/> says whether it counts towards qualification (R-DEP-02);
/// <see cref="LateCredit"/> that it arrived after the sale had ended, so it is due back (R-COM-10).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.credit-view")]
public sealed record CreditView(
    [property: Id(0)] string BankTxnId,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] DateTimeOffset CreditedAt,
    [property: Id(3)] DateTimeOffset? ReceivedAt,
    [property: Id(4)] bool OnTime,
    [property: Id(5)] bool LateCredit = false);

/// <summary>A bank's notice that money went back out of a deposit sub-account (R-COM-10). Idempotent by <see cref="BankRefId"/>.</summary>
[GenerateSerializer, Immutable, Alias("auction.deposit-refund")]
public sealed record DepositRefund(
    [property: Id(0)] string Account,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string BankRefId,
    [property: Id(3)] DateTimeOffset RefundedAt);

/// <summary>One refund as recorded: the bank's <see cref="RefundedAt"/> beside the server's <see cref="ReceivedAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("auction.refund-view")]
public sealed record RefundView(
    [property: Id(0)] string BankRefId,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] DateTimeOffset RefundedAt,
    [property: Id(3)] DateTimeOffset ReceivedAt);

/// <summary>
/// A deposit's status (API.md v2 deposits view): before the end as the application's; after it the winner's deposit is
/// earnest money (定金), anybody else's credited money is due back until it is all refunded (R-COM-10).
/// </summary>
public enum DepositStatus { AwaitingDeposit, Qualified, EarnestMoney, RefundDue, Refunded }

/// <summary>
/// Whether the money due back was refunded in time (R-COM-10): nothing was due; all due money went back before its
/// deadline; some is still due and not late; some went back late; some is due and past its deadline; or a deadline
/// cannot be known (the holiday calendar lacks a year).
/// </summary>
public enum RefundTimeliness { NothingDue, OnTime, Pending, Late, Overdue, Unknown }

/// <summary>
/// One application's deposit after the sale, computed in one place (<c>DepositPositions</c>) from its credits and
/// refunds, the sale's end and server time. <see cref="Credited"/> is every credit, late ones included;
/// <see cref="EarnestMoney"/> the winner's retained deposit; <see cref="Refundable"/> what may still be refunded;
/// <see cref="RefundDueBy"/> when the money still due (or, once all is back, the last of it) had to be back;
/// <see cref="RefundDueByProblem"/> why it cannot be known.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.deposit-position")]
public sealed record DepositPosition(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] string? BidderNo,
    [property: Id(2)] string BidderName,
    [property: Id(3)] string DepositAccount,
    [property: Id(4)] decimal DepositDue,
    [property: Id(5)] decimal Credited,
    [property: Id(6)] DepositStatus Status,
    [property: Id(7)] DateTimeOffset? RefundDueBy,
    [property: Id(8)] decimal Refunded,
    [property: Id(9)] bool Overdue,
    [property: Id(10)] decimal EarnestMoney,
    [property: Id(11)] decimal Refundable,
    [property: Id(12)] decimal LateCredited,
    [property: Id(13)] RefundTimeliness Timeliness,
    [property: Id(14)] string? RefundDueByProblem,
    [property: Id(15)] IReadOnlyList<CreditView> Credits,
    [property: Id(16)] IReadOnlyList<RefundView> Refunds);

/// <summary>The answer to a refund; <see cref="Refund"/> is the refund as recorded (the first one for a duplicate).</summary>
[GenerateSerializer, Immutable, Alias("auction.refund-result")]
public sealed record DepositRefundResult(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] DepositStatus Status,
    [property: Id(2)] decimal Refunded,
    [property: Id(3)] decimal Refundable,
    [property: Id(4)] bool Duplicate,
    [property: Id(5)] RefundView Refund);

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

    /// <summary>R-COM-10: the bank refunded money from an application's sub-account (only after the sale has ended).</summary>
    [Alias("refund")] Task<Outcome<DepositRefundResult>> Refund(DepositRefund refund);

    /// <summary>Every application's deposit position, by server time (the registration asks the listing how the sale ended).</summary>
    [Alias("deposits")] Task<Outcome<IReadOnlyList<DepositPosition>>> GetDeposits();
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

    /// <summary>A refund out of the account; an account nobody owns is refused (UNKNOWN_ACCOUNT) and nothing is recorded.</summary>
    [Alias("refund")] Task<Outcome<DepositRefundResult>> Refund(DepositRefund refund);
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

/// <summary>
/// One bank refund reference, across every listing: the first refund that uses it fixes its body (account, amount, bank
/// time); another body under the same reference is refused (<c>IDEMPOTENCY_MISMATCH</c>), like credits.
/// </summary>
[Alias("auction.bank-refund")]
public interface IBankRefundGrain : IGrainWithStringKey
{
    /// <summary>Records the body on first use; null when this body matches, else the refusal.</summary>
    [Alias("claim")] Task<Rejection?> Claim(DepositRefund refund);
}
