using System.Globalization;
using Auction.Silo.Rules.Calendar;

namespace Auction.Silo.Rules;

/// <summary>
/// A due date counted in working days: <see cref="DueDate"/> is the due working day (China date) and <see cref="DueBy"/>
/// the instant it ends (midnight China time, UTC+8): something done before <see cref="DueBy"/> is on time. When the
/// holiday calendar lacks a year the count runs into, both are null and <see cref="Problem"/> says which year to add.
/// </summary>
public sealed record WorkingDayDeadline(DateOnly? DueDate, DateTimeOffset? DueBy, string? Problem)
{
    public bool IsKnown => DueBy is not null;

    /// <summary>Whether <paramref name="at"/> is past the deadline; null when the deadline is not known.</summary>
    public bool? IsPast(DateTimeOffset at) => DueBy is { } dueBy ? at >= dueBy : null;
}

/// <summary>
/// The deadlines that run from the end of a sale (DOMAIN R-COM-10, R-COM-12/13, R-COM-14), counted in working days on
/// the State Council calendar from the China date of the close (R-CONV-2); the close day itself does not count (5
/// working days after a Friday close end on the next Friday). A year the calendar does not cover gives no date, never
/// a Monday–Friday guess.
/// </summary>
public static class AfterSaleDeadlines
{
    /// <summary>R-COM-10: other bidders' deposits are refunded within 5 working days after the activity ends.</summary>
    public const int RefundWorkingDays = 5;

    /// <summary>R-COM-12/13: the grant contract is signed within 10 working days after the deal (the confirmation says by when).</summary>
    public const int ContractWorkingDays = 10;

    /// <summary>R-COM-14: the result is published within 10 working days after the activity ends.</summary>
    public const int NoticeWorkingDays = 10;

    public static WorkingDayDeadline Refund(WorkingDayCalendar calendar, DateTimeOffset from) => After(calendar, from, RefundWorkingDays);

    public static WorkingDayDeadline Contract(WorkingDayCalendar calendar, DateTimeOffset closedAt) => After(calendar, closedAt, ContractWorkingDays);

    public static WorkingDayDeadline Notice(WorkingDayCalendar calendar, DateTimeOffset closedAt) => After(calendar, closedAt, NoticeWorkingDays);

    /// <summary><paramref name="workingDays"/> working days after the China date of <paramref name="from"/>.</summary>
    public static WorkingDayDeadline After(WorkingDayCalendar calendar, DateTimeOffset from, int workingDays)
    {
        var start = ChinaTime.LocalDate(from);
        if (calendar.TryAddWorkingDays(start, workingDays, out var due)) return new WorkingDayDeadline(due, EndOfDay(due), null);
        var missing = Enumerable.Range(start.Year, 10).First(year => !calendar.Covers(new DateOnly(year, 1, 1)));
        return new WorkingDayDeadline(null, null,
            $"{workingDays} working days after {start:yyyy-MM-dd} run into {missing.ToString(CultureInfo.InvariantCulture)}, which the holiday calendar does not cover " +
            $"(covered: {string.Join(", ", calendar.CoveredYears)}); add Rules/Calendar/Data/cn-{missing.ToString(CultureInfo.InvariantCulture)}.json from the State Council notice.");
    }

    /// <summary>The instant a China date ends: midnight at its end in China time.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) =>
        new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
}
