using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.AfterSale;

/// <summary>
/// The deadlines after a sale (R-COM-10 refunds, R-COM-13 the contract, R-COM-14 the result notice) in working days on the
/// State Council calendar, counted from the China date of the close (DOMAIN §11.4 scenario 16).
/// </summary>
public sealed class AfterSaleDeadlinesTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.China;

    [Fact]
    public void Scenario_16_R_COM_14_the_notice_of_a_deal_on_30_September_is_due_10_working_days_later_across_National_Day()
    {
        // 1–7 Oct National Day, Saturday 10 Oct a make-up working day: 8, 9, 10, 12, 13, 14, 15, 16, 19, 20 Oct.
        var notice = AfterSaleDeadlines.Notice(Calendar, China("2026-09-30T15:00"));
        Assert.Equal(new DateOnly(2026, 10, 20), notice.DueDate);
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 16, 0, 0, TimeSpan.Zero), notice.DueBy); // midnight at its end, China time
        Assert.Null(notice.Problem);
        Assert.Equal(notice, AfterSaleDeadlines.Contract(Calendar, China("2026-09-30T15:00")));
    }

    [Fact]
    public void R_COM_10_refunds_after_a_close_before_the_Spring_Festival_are_due_after_the_holiday()
    {
        // 15–23 Feb Spring Festival; Saturdays 14 and 28 Feb are make-up working days.
        var refund = AfterSaleDeadlines.Refund(Calendar, China("2026-02-12T16:00"));
        Assert.Equal(new DateOnly(2026, 2, 26), refund.DueDate); // 13, 14 (Sat), 24, 25, 26 Feb
        var contract = AfterSaleDeadlines.Contract(Calendar, China("2026-02-12T16:00"));
        Assert.Equal(new DateOnly(2026, 3, 4), contract.DueDate); // … 27, 28 (Sat), 2, 3, 4 Mar
    }

    [Fact]
    public void The_close_day_is_its_China_date_not_its_UTC_date()
    {
        // 2026-03-05T16:30Z is Friday 6 March 00:30 in China: the count starts on Friday, not on Thursday.
        Assert.Equal(new DateOnly(2026, 3, 12), AfterSaleDeadlines.Refund(Calendar, China("2026-03-05T23:30")).DueDate);
        Assert.Equal(new DateOnly(2026, 3, 13), AfterSaleDeadlines.Refund(Calendar, new DateTimeOffset(2026, 3, 5, 16, 30, 0, TimeSpan.Zero)).DueDate);
    }

    [Fact]
    public void A_deadline_is_past_from_the_midnight_that_ends_its_day()
    {
        var refund = AfterSaleDeadlines.Refund(Calendar, China("2026-03-05T10:00"));
        Assert.False(refund.IsPast(China("2026-03-12T23:59")));
        Assert.True(refund.IsPast(China("2026-03-13T00:00")));
    }

    [Fact]
    public void R_CONV_2_a_count_into_a_year_without_holiday_data_gives_no_date_and_names_the_year()
    {
        var notice = AfterSaleDeadlines.Notice(Calendar, China("2027-12-28T10:00"));
        Assert.False(notice.IsKnown);
        Assert.Null(notice.DueDate);
        Assert.Null(notice.IsPast(China("2028-06-01T00:00")));
        Assert.Contains("2028", notice.Problem, StringComparison.Ordinal);
        Assert.Contains("cn-2028.json", notice.Problem, StringComparison.Ordinal);
    }
}
