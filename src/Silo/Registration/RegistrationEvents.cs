using System.Text.Json.Serialization;
using Auction.Contracts.Registration;
using Auction.Silo.Journal;

namespace Auction.Silo.Registration;

/// <summary>The registration journal of one listing: applications, deposit credits, qualification (R-DEP-01/02).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ApplicationSubmitted), "applicationSubmitted")]
[JsonDerivedType(typeof(DepositCredited), "depositCredited")]
[JsonDerivedType(typeof(ApplicationQualified), "applicationQualified")]
public abstract record RegistrationEvent;

/// <summary>An application, with the deposit terms in force when it was made (they do not move, R-FRZ-02).</summary>
public sealed record ApplicationSubmitted(
    string ApplicationId, string BidderId, string BidderName, string DepositAccount, string RequestId,
    decimal DepositDue, DateTimeOffset DepositDeadline) : RegistrationEvent;

/// <summary>
/// A bank credit: the bank's time (<see cref="CreditedAt"/>) beside the server's receipt of the callback
/// (<see cref="ReceivedAt"/>; absent in journals written before it was recorded). <see cref="OnTime"/> says whether
/// it arrived by the deposit deadline (only those count).
/// </summary>
public sealed record DepositCredited(
    string ApplicationId, string Account, decimal Amount, string BankTxnId, DateTimeOffset CreditedAt, bool OnTime, DateTimeOffset? ReceivedAt = null) : RegistrationEvent;

public sealed record ApplicationQualified(string ApplicationId, string BidderNo) : RegistrationEvent;

/// <summary>One application as the registration state keeps it, with the entry that recorded it (its receipt).</summary>
internal sealed class Application(ApplicationSubmitted submitted, JournalEntry entry)
{
    private readonly List<DepositCredited> _credits = [];

    public ApplicationSubmitted Submitted { get; } = submitted;
    public DateTimeOffset AppliedAt { get; } = entry.At;
    public long Seq { get; } = entry.Seq;
    public string Hash { get; } = entry.Hash;
    public IReadOnlyList<DepositCredited> Credits => _credits;
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

    public ApplicationStatus Status => BidderNo is null ? ApplicationStatus.AwaitingDeposit : ApplicationStatus.Qualified;
}
