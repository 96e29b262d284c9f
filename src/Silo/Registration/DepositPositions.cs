using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;

namespace Auction.Silo.Registration;

/// <summary>The money of one application as its registration stream holds it: what <see cref="DepositPositions"/> reads.</summary>
public sealed record DepositLedger(ApplicationSubmitted Submitted, string? BidderNo, IReadOnlyList<DepositCredited> Credits, IReadOnlyList<DepositRefunded> Refunds);

/// <summary>How a sale ended, as far as deposits care: when, and the bidder number that won (none when it failed or was terminated).</summary>
public sealed record SaleEnd(DateTimeOffset EndedAt, string? WinnerBidderNo)
{
    public static SaleEnd? Of(ListingResult? result) =>
        result is null ? null : new SaleEnd(result.ClosedAt, result.Outcome == CloseOutcome.Sold ? result.WinnerBidderNo : null);
}

/// <summary>
/// The one place that computes an application's deposit after the sale (R-COM-10, API.md v2 deposits view). Before the
/// end a deposit is as the application stands. After it the winner's deposit is earnest money (定金, credited against the
/// price) and is never refunded; every other yuan credited (the losers' deposits, partial payments, late credits, the
/// winner's excess) is due back within 5 working days — of the end, or of its own arrival when it came later. Refunds
/// pay off what is due oldest first; each sum is on time when the refund that completes it is dated before its deadline.
/// Pure: server time comes in as <c>now</c>.
/// </summary>
public static class DepositPositions
{
    public static DepositPosition Of(DepositLedger ledger, SaleEnd? end, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        var submitted = ledger.Submitted;
        var credits = ledger.Credits.Select(c => View(c, end)).ToArray();
        var refunds = ledger.Refunds.Select(r => new RefundView(r.BankRefId, r.Amount, r.RefundedAt, r.ReceivedAt)).ToArray();
        var credited = ledger.Credits.Sum(c => c.Amount);
        var refunded = ledger.Refunds.Sum(r => r.Amount);
        var lateCredited = credits.Where(c => c.LateCredit).Sum(c => c.Amount);
        if (end is null)
        {
            var status = ledger.BidderNo is null ? DepositStatus.AwaitingDeposit : DepositStatus.Qualified;
            return new DepositPosition(submitted.ApplicationId, ledger.BidderNo, submitted.BidderName, submitted.DepositAccount, submitted.DepositDue,
                credited, status, null, refunded, false, 0m, 0m, lateCredited, RefundTimeliness.NothingDue, null, credits, refunds);
        }

        var winner = ledger.BidderNo is not null && ledger.BidderNo == end.WinnerBidderNo;
        var earnest = winner ? Math.Min(submitted.DepositDue, ledger.Credits.Where(c => c.OnTime).Sum(c => c.Amount)) : 0m;
        var due = Due(ledger.Credits, earnest, end, calendar);
        var judged = Judge(due, ledger.Refunds, now);
        var refundable = Math.Max(0m, due.Sum(d => d.Amount) - refunded);
        var open = judged.FirstOrDefault(j => j.CoveredAt is null);
        var shown = open ?? judged.LastOrDefault();
        var depositStatus = winner ? DepositStatus.EarnestMoney
            : credited == 0 ? DepositStatus.AwaitingDeposit
            : refundable > 0 ? DepositStatus.RefundDue
            : DepositStatus.Refunded;
        return new DepositPosition(submitted.ApplicationId, ledger.BidderNo, submitted.BidderName, submitted.DepositAccount, submitted.DepositDue,
            credited, depositStatus, shown?.Deadline.DueBy, refunded, judged.Any(j => j.Timeliness == RefundTimeliness.Overdue), earnest, refundable,
            lateCredited, Overall(judged), judged.Select(j => j.Deadline.Problem).FirstOrDefault(p => p is not null), credits, refunds);
    }

    /// <summary>A credit arrived after the end (recorded so, or by its receipt time in journals from before the flag).</summary>
    private static CreditView View(DepositCredited c, SaleEnd? end) =>
        new(c.BankTxnId, c.Amount, c.CreditedAt, c.ReceivedAt, c.OnTime, c.LateCredit == true || (end is not null && c.ArrivedAt >= end.EndedAt));

    private sealed record DueSum(decimal Amount, WorkingDayDeadline Deadline);

    private sealed record JudgedSum(WorkingDayDeadline Deadline, DateTimeOffset? CoveredAt, RefundTimeliness Timeliness);

    /// <summary>The sums due back, in the order they arrived; the winner's earnest money comes out of its on-time credits first.</summary>
    private static List<DueSum> Due(IReadOnlyList<DepositCredited> credits, decimal earnest, SaleEnd end, WorkingDayCalendar calendar)
    {
        var due = new List<DueSum>();
        var toRetain = earnest;
        foreach (var credit in credits)
        {
            var amount = credit.Amount;
            if (credit.OnTime && toRetain > 0)
            {
                var kept = Math.Min(toRetain, amount);
                toRetain -= kept;
                amount -= kept;
            }
            var from = credit.ArrivedAt > end.EndedAt ? credit.ArrivedAt : end.EndedAt;
            if (amount > 0) due.Add(new DueSum(amount, AfterSaleDeadlines.Refund(calendar, from)));
        }
        return due;
    }

    /// <summary>Refunds (in the order they were recorded) pay off the sums due, oldest first.</summary>
    private static List<JudgedSum> Judge(List<DueSum> due, IReadOnlyList<DepositRefunded> refunds, DateTimeOffset now)
    {
        var judged = new List<JudgedSum>(due.Count);
        var next = 0;
        var left = refunds.Count > 0 ? refunds[0].Amount : 0m;
        foreach (var sum in due)
        {
            var need = sum.Amount;
            DateTimeOffset? coveredAt = null;
            while (need > 0 && next < refunds.Count)
            {
                var paid = Math.Min(need, left);
                need -= paid;
                left -= paid;
                if (need == 0) coveredAt = refunds[next].RefundedAt;
                if (left == 0 && ++next < refunds.Count) left = refunds[next].Amount;
            }
            var timeliness = sum.Deadline.DueBy is not { } dueBy ? RefundTimeliness.Unknown
                : coveredAt is { } at ? at < dueBy ? RefundTimeliness.OnTime : RefundTimeliness.Late
                : now >= dueBy ? RefundTimeliness.Overdue : RefundTimeliness.Pending;
            judged.Add(new JudgedSum(sum.Deadline, coveredAt, timeliness));
        }
        return judged;
    }

    /// <summary>The worst of the sums: overdue, late, unknown, pending, on time; nothing due when no money is.</summary>
    private static RefundTimeliness Overall(List<JudgedSum> judged) =>
        judged.Count == 0 ? RefundTimeliness.NothingDue
        : new[] { RefundTimeliness.Overdue, RefundTimeliness.Late, RefundTimeliness.Unknown, RefundTimeliness.Pending }
            .FirstOrDefault(worst => judged.Any(j => j.Timeliness == worst), RefundTimeliness.OnTime);
}
