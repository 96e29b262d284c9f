using Auction.Contracts.Registration;
using Auction.Silo.Registration;
using Auction.Silo.Rules.Calendar;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.AfterSale;

/// <summary>
/// R-COM-10, the one computation of a deposit after the sale: the winner's deposit is earnest money, everything else
/// credited is due back within 5 working days (of the end, or of its own arrival when later), refunds pay off the oldest
/// sum first, and "overdue" and "late" follow server time and the refunds' bank times.
/// </summary>
public sealed class DepositPositionsTests
{
    private const decimal DepositDue = 100m;

    /// <summary>Thursday 2026-03-05 15:00 China time: refunds are due by the end of Thursday 12 March.</summary>
    private static readonly DateTimeOffset Closed = China("2026-03-05T15:00");

    private static readonly DateTimeOffset RefundsDueBy = China("2026-03-13T00:00");

    private static readonly DateTimeOffset Applied = China("2026-03-01T10:00");

    private static DepositCredited Credit(decimal amount, DateTimeOffset at, bool onTime = true, bool? late = null) =>
        new("APP-1", "6222001234567", amount, $"txn-{amount}-{at:HHmmss}", at, onTime, at, late);

    private static DepositRefunded Refund(decimal amount, DateTimeOffset at) => new("APP-1", "6222001234567", amount, $"ref-{amount}-{at:HHmmss}", at, at);

    private static DepositPosition Position(string? bidderNo, SaleEnd? end, DateTimeOffset now, DepositCredited[] credits, params DepositRefunded[] refunds) =>
        DepositPositions.Of(
            new DepositLedger(new ApplicationSubmitted("APP-1", "alpha", "Alpha Co.", "6222001234567", "apply-1", DepositDue, Closed.AddHours(-2)), bidderNo, credits, refunds),
            end, WorkingDayCalendar.China, now);

    [Fact]
    public void Before_the_end_a_deposit_is_as_the_application_stands()
    {
        var p = Position("001", null, Closed.AddHours(-1), [Credit(100m, Applied)]);
        Assert.Equal((DepositStatus.Qualified, 100m, 0m, (DateTimeOffset?)null, false), (p.Status, p.Credited, p.Refundable, p.RefundDueBy, p.Overdue));
        Assert.Equal(RefundTimeliness.NothingDue, p.Timeliness);
        Assert.Equal(DepositStatus.AwaitingDeposit, Position(null, null, Closed, [Credit(40m, Applied)]).Status);
    }

    [Fact]
    public void R_COM_10_the_winners_deposit_is_earnest_money_and_only_its_excess_is_due_back()
    {
        var winner = Position("001", new SaleEnd(Closed, "001"), Closed.AddHours(1), [Credit(100m, Applied)]);
        Assert.Equal((DepositStatus.EarnestMoney, 100m, 0m, (DateTimeOffset?)null), (winner.Status, winner.EarnestMoney, winner.Refundable, winner.RefundDueBy));
        Assert.Equal(RefundTimeliness.NothingDue, winner.Timeliness);

        var overpaid = Position("001", new SaleEnd(Closed, "001"), Closed.AddHours(1), [Credit(100m, Applied), Credit(30m, Applied.AddHours(1))]);
        Assert.Equal((DepositStatus.EarnestMoney, 100m, 30m, (DateTimeOffset?)RefundsDueBy), (overpaid.Status, overpaid.EarnestMoney, overpaid.Refundable, overpaid.RefundDueBy));
    }

    [Fact]
    public void R_COM_10_a_loser_is_due_its_deposit_back_within_5_working_days_and_is_overdue_from_the_midnight_after()
    {
        var due = Position("002", new SaleEnd(Closed, "001"), China("2026-03-12T23:59"), [Credit(100m, Applied)]);
        Assert.Equal((DepositStatus.RefundDue, 100m, (DateTimeOffset?)RefundsDueBy, false), (due.Status, due.Refundable, due.RefundDueBy, due.Overdue));
        Assert.Equal(RefundTimeliness.Pending, due.Timeliness);

        var overdue = Position("002", new SaleEnd(Closed, "001"), RefundsDueBy, [Credit(100m, Applied)]);
        Assert.True(overdue.Overdue);
        Assert.Equal(RefundTimeliness.Overdue, overdue.Timeliness);
    }

    [Fact]
    public void R_COM_10_refunds_before_the_deadline_are_on_time_and_after_it_late()
    {
        var onTime = Position("002", new SaleEnd(Closed, null), China("2026-04-01T10:00"), [Credit(100m, Applied)],
            Refund(60m, China("2026-03-09T10:00")), Refund(40m, China("2026-03-12T18:00")));
        Assert.Equal((DepositStatus.Refunded, 100m, 0m, false, RefundTimeliness.OnTime), (onTime.Status, onTime.Refunded, onTime.Refundable, onTime.Overdue, onTime.Timeliness));
        Assert.Equal(RefundsDueBy, onTime.RefundDueBy); // the deadline it was due by, still shown

        var late = Position("002", new SaleEnd(Closed, null), China("2026-04-01T10:00"), [Credit(100m, Applied)], Refund(100m, China("2026-03-13T09:00")));
        Assert.Equal((DepositStatus.Refunded, false, RefundTimeliness.Late), (late.Status, late.Overdue, late.Timeliness));
    }

    [Fact]
    public void R_COM_10_a_late_credit_is_due_back_5_working_days_after_it_arrived()
    {
        // Paid back on time, then 50 more arrive on Friday 20 March: due back by the end of Friday 27 March.
        var arrived = China("2026-03-20T11:00");
        var p = Position("002", new SaleEnd(Closed, "001"), China("2026-03-27T12:00"),
            [Credit(100m, Applied), Credit(50m, arrived, onTime: false, late: true)], Refund(100m, China("2026-03-10T10:00")));
        Assert.Equal((DepositStatus.RefundDue, 150m, 50m, 50m), (p.Status, p.Credited, p.Refundable, p.LateCredited));
        Assert.Equal(China("2026-03-28T00:00"), p.RefundDueBy);
        Assert.True(Assert.Single(p.Credits, c => c.Amount == 50m).LateCredit);
        Assert.Equal(RefundTimeliness.Pending, p.Timeliness);
        // A credit received after the end is a late credit even in a journal written before the flag.
        Assert.Equal(50m, Position("002", new SaleEnd(Closed, null), arrived, [Credit(50m, arrived, onTime: false)]).LateCredited);
    }

    [Fact]
    public void The_winners_late_credit_is_due_back_but_its_earnest_money_never()
    {
        var p = Position("001", new SaleEnd(Closed, "001"), China("2026-03-06T10:00"),
            [Credit(100m, Applied), Credit(20m, China("2026-03-06T09:00"), onTime: false, late: true)]);
        Assert.Equal((DepositStatus.EarnestMoney, 100m, 20m), (p.Status, p.EarnestMoney, p.Refundable));
    }

    [Fact]
    public void A_failed_or_terminated_sale_owes_every_credited_application_its_money()
    {
        var p = Position("001", new SaleEnd(Closed, null), Closed.AddHours(1), [Credit(100m, Applied)]);
        Assert.Equal((DepositStatus.RefundDue, 0m, 100m), (p.Status, p.EarnestMoney, p.Refundable));
        // An application that never paid has nothing due.
        var unpaid = Position(null, new SaleEnd(Closed, null), Closed.AddHours(1), []);
        Assert.Equal((DepositStatus.AwaitingDeposit, RefundTimeliness.NothingDue, (DateTimeOffset?)null), (unpaid.Status, unpaid.Timeliness, unpaid.RefundDueBy));
    }

    [Fact]
    public void R_CONV_2_a_refund_deadline_in_a_year_without_holiday_data_is_unknown_not_guessed()
    {
        var p = Position("002", new SaleEnd(China("2027-12-30T10:00"), null), China("2028-01-20T10:00"), [Credit(100m, China("2027-12-01T10:00"))]);
        Assert.Null(p.RefundDueBy);
        Assert.False(p.Overdue);
        Assert.Equal(RefundTimeliness.Unknown, p.Timeliness);
        Assert.Contains("2028", p.RefundDueByProblem, StringComparison.Ordinal);
    }
}
