using System.Text.Json.Serialization;
using Auction.Contracts.Common;
using Auction.Contracts.Registration;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Registration;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(AccountClaimed), "accountClaimed")]
[JsonDerivedType(typeof(UnmatchedCreditRecorded), "unmatchedCredit")]
public abstract record DepositAccountEvent;

public sealed record AccountClaimed(DepositAccountOwner Owner) : DepositAccountEvent;

/// <summary>A credit to an account nobody owns: kept as evidence for the bank's reconciliation (with the server's receipt time), never credited.</summary>
public sealed record UnmatchedCreditRecorded(DepositCredit Credit, DateTimeOffset? ReceivedAt = null) : DepositAccountEvent;

/// <summary>
/// One deposit sub-account number. The first claim is the append at version 0 of its journal stream, so two
/// applications can never own one number, even from two silos.
/// </summary>
[GrainType("deposit-account")]
public sealed class DepositAccountGrain(ResilientJournal store, AuctionClock clock, ILogger<DepositAccountGrain> logger)
    : EventSourcedGrain<DepositAccountEvent>(store, logger), IDepositAccountGrain
{
    private readonly Dictionary<string, DepositCredit> _unmatched = new(StringComparer.Ordinal);
    private DepositAccountOwner? _owner;

    public static string StreamOf(string account) => $"deposit-account/{account}";

    protected override string StreamId => StreamOf(this.GetPrimaryKeyString());

    protected override void Apply(JournalEntry entry, DepositAccountEvent evt)
    {
        switch (evt)
        {
            case AccountClaimed e: _owner ??= e.Owner; break;
            case UnmatchedCreditRecorded e: _unmatched.TryAdd(e.Credit.BankTxnId, e.Credit); break;
        }
    }

    public async Task<bool> Claim(DepositAccountOwner owner)
    {
        if (_owner is not null) return _owner == owner;
        if (Version != 0) return false;
        await Raise(clock.Now, new AccountClaimed(owner));
        return _owner == owner;
    }

    public Task<DepositAccountOwner?> GetOwner() => Task.FromResult(_owner);

    public async Task<Outcome<DepositCreditResult>> Credit(DepositCredit credit)
    {
        if (_owner is null)
        {
            if (ListingRegistrationGrain.TransactionIdProblem(credit.BankTxnId) is { } invalid) return invalid;
            try
            {
                if (_unmatched.TryGetValue(credit.BankTxnId, out var earlier))
                {
                    if (BankTransactionGrain.Mismatch(credit.BankTxnId, earlier.Account, earlier.Amount, earlier.CreditedAt, credit) is { } mismatch) return mismatch;
                }
                else
                {
                    if (await GrainFactory.GetGrain<IBankTransactionGrain>(credit.BankTxnId).Claim(credit) is { } refused) return refused;
                    await Raise(clock.Now, new UnmatchedCreditRecorded(credit, clock.Now));
                }
            }
            catch (StoreUnavailableException ex)
            {
                return new Rejection(RejectionCodes.StoreUnavailable, $"The journal store did not confirm the write; retry. ({ex.Message})");
            }
            return new Rejection(RejectionCodes.UnknownAccount, $"No application owns deposit account {credit.Account}; the credit is recorded, not applied.");
        }
        return await GrainFactory.GetGrain<IListingRegistrationGrain>(_owner.ListingId).Credit(credit);
    }

    /// <summary>
    /// A refund goes to the application that owns the account. Unlike a credit, a refund from an account nobody owns is
    /// not evidence of money we hold: it is refused and nothing is recorded.
    /// </summary>
    public async Task<Outcome<DepositRefundResult>> Refund(DepositRefund refund) =>
        _owner is null
            ? new Rejection(RejectionCodes.UnknownAccount, $"No application owns deposit account {refund.Account}; nothing was refunded or recorded.")
            : await GrainFactory.GetGrain<IListingRegistrationGrain>(_owner.ListingId).Refund(refund);
}
