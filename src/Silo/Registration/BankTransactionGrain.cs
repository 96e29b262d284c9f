using System.Text.Json.Serialization;
using Auction.Contracts.Common;
using Auction.Contracts.Registration;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Registration;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(BankTransactionClaimed), "transactionClaimed")]
[JsonDerivedType(typeof(BankRefundClaimed), "refundClaimed")]
public abstract record BankTransactionEvent
{
    /// <summary>What the reference fixes: the account, the amount and the bank's time.</summary>
    [JsonIgnore] public abstract BankBody Body { get; }
}

/// <summary>The body a bank transaction id was first used with.</summary>
public sealed record BankTransactionClaimed(string Account, decimal Amount, DateTimeOffset CreditedAt) : BankTransactionEvent
{
    public override BankBody Body => new(Account, Amount, CreditedAt);
}

/// <summary>The body a bank refund reference was first used with.</summary>
public sealed record BankRefundClaimed(string Account, decimal Amount, DateTimeOffset RefundedAt) : BankTransactionEvent
{
    public override BankBody Body => new(Account, Amount, RefundedAt);
}

/// <summary>The facts one bank reference names: money on an account at the bank's time.</summary>
public readonly record struct BankBody(string Account, decimal Amount, DateTimeOffset At);

/// <summary>
/// One bank reference, across all listings: the first use is the append at version 0 of its stream, so two callbacks
/// can never share a reference with different bodies, even from two silos. Calls nothing.
/// </summary>
public abstract class BankReferenceGrain(ResilientJournal store, AuctionClock clock, ILogger logger)
    : EventSourcedGrain<BankTransactionEvent>(store, logger)
{
    private BankTransactionEvent? _claim;

    protected override void Apply(JournalEntry entry, BankTransactionEvent evt) => _claim ??= evt;

    /// <summary>Records <paramref name="body"/> on first use; returns the body the reference holds.</summary>
    protected async Task<BankBody> ClaimFirst(BankTransactionEvent body)
    {
        if (_claim is null) await Raise(clock.Now, body);
        return _claim!.Body;
    }

    /// <summary>Null when <paramref name="now"/> repeats <paramref name="first"/>, else the 409 naming what differs.</summary>
    public static Rejection? Mismatch(string what, string reference, BankBody first, BankBody now, string timeField, string noun)
    {
        var differs = new[] { ("account", first.Account != now.Account), ("amount", first.Amount != now.Amount), (timeField, first.At != now.At) }
            .Where(d => d.Item2).Select(d => d.Item1).ToArray();
        return differs.Length == 0
            ? null
            : new Rejection(RejectionCodes.IdempotencyMismatch,
                $"{what} {reference} was already used with another {string.Join(", ", differs)}; one reference names one {noun}. Nothing was recorded.");
    }
}

/// <summary>One bank transaction id (keyed by it): the first credit that uses it fixes its body.</summary>
[GrainType("bank-transaction")]
public sealed class BankTransactionGrain(ResilientJournal store, AuctionClock clock, ILogger<BankTransactionGrain> logger)
    : BankReferenceGrain(store, clock, logger), IBankTransactionGrain
{
    protected override string StreamId => $"bank-transaction/{this.GetPrimaryKeyString()}";

    public async Task<Rejection?> Claim(DepositCredit credit)
    {
        var first = await ClaimFirst(new BankTransactionClaimed(credit.Account, credit.Amount, credit.CreditedAt));
        return Mismatch(credit.BankTxnId, first.Account, first.Amount, first.At, credit);
    }

    /// <summary>Null when <paramref name="credit"/> repeats the first use of its transaction id, else the 409 naming what differs.</summary>
    public static Rejection? Mismatch(string bankTxnId, string account, decimal amount, DateTimeOffset creditedAt, DepositCredit credit) =>
        Mismatch("Bank transaction", bankTxnId, new BankBody(account, amount, creditedAt), new BankBody(credit.Account, credit.Amount, credit.CreditedAt), "creditedAt", "credit");
}

/// <summary>One bank refund reference (keyed by it): the first refund that uses it fixes its body.</summary>
[GrainType("bank-refund")]
public sealed class BankRefundGrain(ResilientJournal store, AuctionClock clock, ILogger<BankRefundGrain> logger)
    : BankReferenceGrain(store, clock, logger), IBankRefundGrain
{
    protected override string StreamId => $"bank-refund/{this.GetPrimaryKeyString()}";

    public async Task<Rejection?> Claim(DepositRefund refund)
    {
        var first = await ClaimFirst(new BankRefundClaimed(refund.Account, refund.Amount, refund.RefundedAt));
        return Mismatch(refund.BankRefId, first, refund);
    }

    /// <summary>Null when <paramref name="refund"/> repeats the first use of its reference, else the 409 naming what differs.</summary>
    public static Rejection? Mismatch(string bankRefId, BankBody first, DepositRefund refund) =>
        Mismatch("Refund", bankRefId, first, new BankBody(refund.Account, refund.Amount, refund.RefundedAt), "refundedAt", "refund");
}
