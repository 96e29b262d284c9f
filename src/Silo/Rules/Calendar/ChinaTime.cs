namespace Auction.Silo.Rules.Calendar;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving time). Every calendar-date decision of the
/// platform (working days, deadlines, "today") is made on the China local date, never on the UTC date.
/// </summary>
public static class ChinaTime
{
    /// <summary>China Standard Time offset from UTC. China has not observed DST since 1991.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The calendar date in China (UTC+8) at the given instant, whatever offset the instant carries.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
