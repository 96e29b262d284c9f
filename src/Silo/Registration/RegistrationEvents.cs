using System.Text.Json.Serialization;
using Auction.Contracts.Registration;

namespace Auction.Silo.Registration;

/// <summary>The registration journal of one listing: applications, deposit credits, qualification (R-DEP-01/02).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ApplicationSubmitted), "applicationSubmitted")]
[JsonDerivedType(typeof(DepositCredited), "depositCredited")]
[JsonDerivedType(typeof(ApplicationQualified), "applicationQualified")]
public abstract record RegistrationEvent;

public sealed record ApplicationSubmitted(string ApplicationId, string BidderId, string BidderName, string DepositAccount, string RequestId) : RegistrationEvent;

/// <summary>A bank credit; <see cref="OnTime"/> says whether it arrived by the deposit deadline (only those count).</summary>
public sealed record DepositCredited(string ApplicationId, string Account, decimal Amount, string BankTxnId, DateTimeOffset CreditedAt, bool OnTime) : RegistrationEvent;

public sealed record ApplicationQualified(string ApplicationId, string BidderNo) : RegistrationEvent;

/// <summary>One application as the registration state keeps it.</summary>
internal sealed class Application(ApplicationSubmitted submitted, DateTimeOffset appliedAt)
{
    public ApplicationSubmitted Submitted { get; } = submitted;
    public DateTimeOffset AppliedAt { get; } = appliedAt;
    public decimal PaidOnTime { get; set; }
    public decimal PaidTotal { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? BidderNo { get; set; }

    public ApplicationStatus Status => BidderNo is null ? ApplicationStatus.AwaitingDeposit : ApplicationStatus.Qualified;
}
