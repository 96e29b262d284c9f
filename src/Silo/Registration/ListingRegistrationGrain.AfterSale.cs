using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Silo.Journal;
using Auction.Silo.Rules;

namespace Auction.Silo.Registration;

/// <summary>
/// Deposits after the sale (R-COM-10): the positions of every application and the bank's refunds. How the sale ended is
/// asked of the listing (registration → listing, never back) and kept once known, since an ended sale never changes.
/// </summary>
public sealed partial class ListingRegistrationGrain
{
    private ListingResult? _ended;

    public async Task<Outcome<IReadOnlyList<DepositPosition>>> GetDeposits()
    {
        try
        {
            var (ended, unknown) = await SaleEnded();
            if (unknown is not null) return unknown;
            var now = clock.Now;
            IReadOnlyList<DepositPosition> positions = _byApplication.Values.OrderBy(a => a.AppliedAt)
                .Select(a => DepositPositions.Of(a.Ledger, SaleEnd.Of(ended), calendar, now)).ToArray();
            return Outcome<IReadOnlyList<DepositPosition>>.Success(positions);
        }
        catch (StoreUnavailableException ex)
        {
            return StoreUnavailable(ex);
        }
    }

    /// <summary>
    /// A refund the bank made from a deposit sub-account. Idempotent by <c>bankRefId</c> (the same reference with another
    /// account, amount or refundedAt is <c>IDEMPOTENCY_MISMATCH</c>, here or on any other listing). Only after the sale has
    /// ended, dated no earlier than its end, and never more than is refundable: the winner's earnest money is not
    /// (<c>REFUND_EXCEEDS_BALANCE</c>). A refusal records nothing.
    /// </summary>
    public async Task<Outcome<DepositRefundResult>> Refund(DepositRefund refund)
    {
        try
        {
            var now = clock.Now;
            var application = _byApplication.Values.FirstOrDefault(a => a.Submitted.DepositAccount == refund.Account);
            if (application is null) return new Rejection(RejectionCodes.UnknownAccount, $"No application of listing {ListingId} owns account {refund.Account}.");
            if (_bankRefunds.TryGetValue(refund.BankRefId, out var earlier))
            {
                var first = new BankBody(earlier.Account, earlier.Amount, earlier.RefundedAt);
                if (BankRefundGrain.Mismatch(refund.BankRefId, first, refund) is { } mismatch) return mismatch;
                return await RefundResult(application, earlier, duplicate: true);
            }
            if (MoneyRules.Problem(refund.Amount) is { } problem) return Rejection.Validation("amount", problem);
            if (ReferenceProblem("bankRefId", refund.BankRefId) is { } invalid) return invalid;
            if (refund.RefundedAt > now.AddMinutes(5)) return Rejection.Validation("refundedAt", "must not be in the future (server time)");

            var (ended, unknown) = await SaleEnded();
            if (unknown is not null) return unknown;
            if (ended is null)
                return new Rejection(RejectionCodes.NotClosed, "Deposits are refunded after the sale has ended (R-COM-10); this one has not ended yet.", ServerTime: now);
            if (refund.RefundedAt < ended.ClosedAt)
                return Rejection.Validation("refundedAt", $"must not be earlier than the end of the sale ({ended.ClosedAt:O})");
            var position = DepositPositions.Of(application.Ledger, SaleEnd.Of(ended), calendar, now);
            if (refund.Amount > position.Refundable) return ExceedsBalance(refund, position);

            if (await GrainFactory.GetGrain<IBankRefundGrain>(refund.BankRefId).Claim(refund) is { } refused) return refused;
            var refunded = new DepositRefunded(application.Submitted.ApplicationId, refund.Account, refund.Amount, refund.BankRefId, refund.RefundedAt, now);
            await Raise(now, refunded);
            return await RefundResult(application, refunded, duplicate: false);
        }
        catch (StoreUnavailableException ex)
        {
            return StoreUnavailable(ex);
        }
    }

    /// <summary>How the sale ended (null while it runs), or why the listing could not say; kept once ended.</summary>
    private async Task<(ListingResult? Ended, Rejection? Unknown)> SaleEnded()
    {
        if (_ended is not null) return (_ended, null);
        var result = await Listing.GetResult();
        if (result.IsSuccess) return (_ended = result.Value, null);
        return result.Rejection!.Code == RejectionCodes.NotClosed ? (null, null) : (null, result.Rejection);
    }

    private async Task<Outcome<DepositRefundResult>> RefundResult(Application application, DepositRefunded refund, bool duplicate)
    {
        var (ended, _) = await SaleEnded();
        var position = DepositPositions.Of(application.Ledger, SaleEnd.Of(ended), calendar, clock.Now);
        return Outcome<DepositRefundResult>.Success(new DepositRefundResult(application.Submitted.ApplicationId, position.Status, position.Refunded,
            position.Refundable, duplicate, new RefundView(refund.BankRefId, refund.Amount, refund.RefundedAt, refund.ReceivedAt)));
    }

    private static Rejection ExceedsBalance(DepositRefund refund, DepositPosition position)
    {
        var earnest = position.EarnestMoney > 0
            ? $" The winner's deposit {position.EarnestMoney} is earnest money (定金), credited against the price, and is not refunded (R-COM-10)."
            : "";
        return new Rejection(RejectionCodes.RefundExceedsBalance,
            $"A refund of {refund.Amount} exceeds what account {refund.Account} may still refund: {position.Refundable} (credited {position.Credited}, refunded {position.Refunded}).{earnest} Nothing was recorded.",
            Errors: new Dictionary<string, string[]> { ["amount"] = [$"must be at most {position.Refundable}"] });
    }
}
