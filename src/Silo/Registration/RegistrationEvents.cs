using System.Text.Json.Serialization;
using Auction.Contracts.Registration;

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

/// <summary>A bank credit; <see cref="OnTime"/> says whether it arrived by the deposit deadline (only those count).</summary>
public sealed record DepositCredited(string ApplicationId, string Account, decimal Amount, string BankTxnId, DateTimeOffset CreditedAt, bool OnTime) : RegistrationEvent;

public sealed record ApplicationQualified(string ApplicationId, string BidderNo) : RegistrationEvent;

/// <summary>One application as the registration state keeps it.</summary>
internal sealed class Application(ApplicationSubmitted submitted, DateTimeOffset appliedAt)
{
    public ApplicationSubmitted Submitted { get; } = submitted;
    public DateTimeOffset AppliedAt { get; } = appliedAt;
    public decimal PaidOnTime { get; private set; }
    public decimal PaidTotal { get; private set; }

    /// <summary>The bank time of the on-time credit that completed the deposit (R-DEP-02), once it is complete.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    public string? BidderNo { get; set; }

    public void Credited(DepositCredited credit)
    {
        PaidTotal += credit.Amount;
        if (!credit.OnTime) return;
        PaidOnTime += credit.Amount;
        if (CompletedAt is null && PaidOnTime >= Submitted.DepositDue) CompletedAt = credit.CreditedAt;
    }

    public ApplicationStatus Status => BidderNo is null ? ApplicationStatus.AwaitingDeposit : ApplicationStatus.Qualified;
}
