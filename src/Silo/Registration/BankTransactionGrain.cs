using System.Text.Json.Serialization;
using Auction.Contracts.Common;
using Auction.Contracts.Registration;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Registration;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(BankTransactionClaimed), "transactionClaimed")]
public abstract record BankTransactionEvent;

/// <summary>The body a bank transaction id was first used with.</summary>
public sealed record BankTransactionClaimed(string Account, decimal Amount, DateTimeOffset CreditedAt) : BankTransactionEvent;

/// <summary>
/// One bank transaction id (keyed by it), across all listings: the first use is the append at version 0 of its
/// stream, so two credits can never share an id with different bodies, even from two silos. Calls nothing.
/// </summary>
[GrainType("bank-transaction")]
public sealed class BankTransactionGrain(ResilientJournal store, AuctionClock clock, ILogger<BankTransactionGrain> logger)
    : EventSourcedGrain<BankTransactionEvent>(store, logger), IBankTransactionGrain
{
    private BankTransactionClaimed? _claim;

    protected override string StreamId => $"bank-transaction/{this.GetPrimaryKeyString()}";

    protected override void Apply(JournalEntry entry, BankTransactionEvent evt)
    {
        if (evt is BankTransactionClaimed claimed) _claim ??= claimed;
    }

    public async Task<Rejection?> Claim(DepositCredit credit)
    {
        if (_claim is null) await Raise(clock.Now, new BankTransactionClaimed(credit.Account, credit.Amount, credit.CreditedAt));
        return Mismatch(credit.BankTxnId, _claim!.Account, _claim.Amount, _claim.CreditedAt, credit);
    }

    /// <summary>Null when <paramref name="credit"/> repeats the first use of its transaction id, else the 409 naming what differs.</summary>
    public static Rejection? Mismatch(string bankTxnId, string account, decimal amount, DateTimeOffset creditedAt, DepositCredit credit)
    {
        var differs = new[] { ("account", account != credit.Account), ("amount", amount != credit.Amount), ("creditedAt", creditedAt != credit.CreditedAt) }
            .Where(d => d.Item2).Select(d => d.Item1).ToArray();
        return differs.Length == 0
            ? null
            : new Rejection(RejectionCodes.IdempotencyMismatch,
                $"Bank transaction {bankTxnId} was already credited with another {string.Join(", ", differs)}; a transaction id names one credit. Nothing was recorded.");
    }
}
