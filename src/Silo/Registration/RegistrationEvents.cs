using System.Text.Json.Serialization;
using Auction.Contracts.Registration;
using Auction.Silo.Journal;

namespace Auction.Silo.Registration;

/// <summary>
/// The registration journal of one listing: applications, deposit credits, qualification (R-DEP-01/02), and the refunds
/// after the sale (R-COM-10).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ApplicationSubmitted), "applicationSubmitted")]
[JsonDerivedType(typeof(DepositCredited), "depositCredited")]
[JsonDerivedType(typeof(ApplicationQualified), "applicationQualified")]
[JsonDerivedType(typeof(DepositRefunded), "depositRefunded")]
public abstract record RegistrationEvent;

/// <summary>An application, with the deposit terms in force when it was made (they do not move, R-FRZ-02).</summary>
public sealed record ApplicationSubmitted(
    string ApplicationId, string BidderId, string BidderName, string DepositAccount, string RequestId,
    decimal DepositDue, DateTimeOffset DepositDeadline) : RegistrationEvent;

/// <summary>
/// A bank credit: the bank's time (<see cref="CreditedAt"/>) beside the server's receipt of the callback
/// (<see cref="ReceivedAt"/>; absent in journals written before it was recorded). <see cref="OnTime"/> says whether
/// it arrived by the deposit deadline (only those count). <see cref="LateCredit"/> is true for money that arrived after
/// the sale had ended (the listing said so when asked): it is due back (R-COM-10); absent otherwise.
/// </summary>
public sealed record DepositCredited(
    string ApplicationId, string Account, decimal Amount, string BankTxnId, DateTimeOffset CreditedAt, bool OnTime, DateTimeOffset? ReceivedAt = null,
    bool? LateCredit = null) : RegistrationEvent
{
    /// <summary>When the money reached us: the server's receipt (the bank's time in journals written before it was recorded).</summary>
    [JsonIgnore] public DateTimeOffset ArrivedAt => ReceivedAt ?? CreditedAt;
}

/// <summary>R-COM-10: the bank refunded money from the application's sub-account (its <see cref="RefundedAt"/> beside our receipt).</summary>
public sealed record DepositRefunded(
    string ApplicationId, string Account, decimal Amount, string BankRefId, DateTimeOffset RefundedAt, DateTimeOffset ReceivedAt) : RegistrationEvent;

public sealed record ApplicationQualified(string ApplicationId, string BidderNo) : RegistrationEvent;

/// <summary>One application as the registration state keeps it, with the entry that recorded it (its receipt).</summary>
internal sealed class Application(ApplicationSubmitted submitted, JournalEntry entry)
{
    private readonly List<DepositCredited> _credits = [];
    private readonly List<DepositRefunded> _refunds = [];

    public ApplicationSubmitted Submitted { get; } = submitted;
    public DateTimeOffset AppliedAt { get; } = entry.At;
    public long Seq { get; } = entry.Seq;
    public string Hash { get; } = entry.Hash;
    public IReadOnlyList<DepositCredited> Credits => _credits;
    public IReadOnlyList<DepositRefunded> Refunds => _refunds;
    public decimal PaidOnTime { get; private set; }
    public decimal PaidTotal { get; private set; }

    /// <summary>The bank time of the on-time credit that completed the deposit (R-DEP-02), once it is complete.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    public string? BidderNo { get; set; }

    public void Credited(DepositCredited credit)
    {
        _credits.Add(credit);
        PaidTotal += credit.Amount;
        if (!credit.OnTime) return;
        PaidOnTime += credit.Amount;
        if (CompletedAt is null && PaidOnTime >= Submitted.DepositDue) CompletedAt = credit.CreditedAt;
    }

    public void Refunded(DepositRefunded refund) => _refunds.Add(refund);

    public ApplicationStatus Status => BidderNo is null ? ApplicationStatus.AwaitingDeposit : ApplicationStatus.Qualified;

    /// <summary>What the deposit positions are computed from.</summary>
    public DepositLedger Ledger => new(Submitted, BidderNo, _credits, _refunds);
}
