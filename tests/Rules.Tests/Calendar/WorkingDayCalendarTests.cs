using System.Globalization;
using Auction.Silo.Rules.Calendar;

namespace Auction.Rules.Tests.Calendar;

/// <summary>R-CONV-2: working days follow the China State Council holiday schedule, including make-up weekends (调休).</summary>
public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar China = WorkingDayCalendar.China;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- embedded data --------------------------------------------------------------------------------------

    [Fact]
    public void R_CONV_2_embedded_calendar_covers_2026_officially_and_2027()
    {
        Assert.Equal([2026, 2027], China.CoveredYears);
        var y2026 = Assert.Single(China.Years, y => y.Year == 2026);
        Assert.Equal(HolidayYear.StatusOfficial, y2026.Status);
        Assert.Contains("2026年部分节假日安排", y2026.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void R_CONV_2_every_provisional_year_explains_what_replaces_it()
    {
        foreach (var year in China.Years.Where(y => y.IsProvisional))
        {
            Assert.False(string.IsNullOrWhiteSpace(year.Note), $"{year.Year} is provisional without a note");
        }
    }

    [Theory]
    [InlineData(2026, 248)] // 261 weekdays - 19 holiday weekdays + 6 make-up weekend days
    [InlineData(2027, 248)] // provisional data: 261 - 18 + 5
    public void R_CONV_2_year_has_expected_number_of_working_days(int year, int expected)
    {
        Assert.True(China.TryCountWorkingDays(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), out var count));
        Assert.Equal(expected, count);
    }

    // ---- IsWorkingDay ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("2026-09-29", "ordinary Tuesday")]
    [InlineData("2026-03-10", "ordinary Tuesday")]
    [InlineData("2026-12-31", "ordinary Thursday")]
    [InlineData("2026-02-13", "Friday before the Spring Festival")]
    [InlineData("2026-10-08", "Thursday after National Day")]
    public void R_CONV_2_ordinary_weekday_is_a_working_day(string date, string why)
    {
        Assert.True(China.IsWorkingDay(D(date)), why);
    }

    [Theory]
    [InlineData("2026-10-17", "Saturday")]
    [InlineData("2026-10-18", "Sunday")]
    [InlineData("2026-03-07", "Saturday")]
    [InlineData("2026-10-11", "Sunday right after the make-up Saturday")]
    public void R_CONV_2_ordinary_weekend_is_not_a_working_day(string date, string why)
    {
        Assert.False(China.IsWorkingDay(D(date)), why);
    }

    [Theory]
    [InlineData("2026-10-05", "National Day, Monday")]
    [InlineData("2026-10-01", "National Day, Thursday")]
    [InlineData("2026-10-07", "National Day, last day, Wednesday")]
    [InlineData("2026-01-02", "New Year, Friday")]
    [InlineData("2026-02-16", "Spring Festival eve 除夕, Monday")]
    [InlineData("2026-02-23", "Spring Festival, last day, Monday")]
    [InlineData("2026-04-06", "Qingming, Monday")]
    [InlineData("2026-05-05", "Labour Day, Tuesday")]
    [InlineData("2026-06-19", "Dragon Boat, Friday")]
    [InlineData("2026-09-25", "Mid-Autumn, Friday")]
    public void R_CONV_2_holiday_weekday_is_not_a_working_day(string date, string why)
    {
        Assert.False(China.IsWorkingDay(D(date)), why);
    }

    [Theory]
    [InlineData("2026-01-04", DayOfWeek.Sunday, "New Year make-up")]
    [InlineData("2026-02-14", DayOfWeek.Saturday, "Spring Festival make-up (before)")]
    [InlineData("2026-02-28", DayOfWeek.Saturday, "Spring Festival make-up (after)")]
    [InlineData("2026-05-09", DayOfWeek.Saturday, "Labour Day make-up")]
    [InlineData("2026-09-20", DayOfWeek.Sunday, "National Day make-up (before)")]
    [InlineData("2026-10-10", DayOfWeek.Saturday, "National Day make-up (after)")]
    public void R_CONV_2_make_up_weekend_is_a_working_day(string date, DayOfWeek dayOfWeek, string why)
    {
        var day = D(date);
        Assert.Equal(dayOfWeek, day.DayOfWeek);
        Assert.True(China.IsWorkingDay(day), why);
    }

    // ---- TryCountWorkingDays --------------------------------------------------------------------------------

    [Theory]
    [InlineData("2026-09-28", "2026-10-15", 10)] // Sep 28-30 (3), Oct 8, 9, 10 make-up Sat (6), Oct 12-15 (10)
    [InlineData("2026-09-28", "2026-10-14", 9)]
    [InlineData("2026-09-28", "2026-09-30", 3)]
    [InlineData("2026-10-01", "2026-10-07", 0)] // the whole National Day week
    [InlineData("2026-10-05", "2026-10-05", 0)]
    [InlineData("2026-09-28", "2026-09-28", 1)]
    [InlineData("2026-10-10", "2026-10-11", 1)] // make-up Saturday counts, Sunday does not
    [InlineData("2026-09-14", "2026-09-20", 6)] // Mon-Fri + make-up Sunday
    [InlineData("2026-02-14", "2026-02-28", 6)] // make-up Sat Feb 14, holiday Feb 15-23, Feb 24-27, make-up Sat Feb 28
    public void R_CONV_2_counts_working_days_inclusively(string from, string to, int expected)
    {
        Assert.True(China.TryCountWorkingDays(D(from), D(to), out var count));
        Assert.Equal(expected, count);
    }

    [Fact]
    public void R_CONV_2_ten_working_days_from_2026_09_28_end_on_2026_10_15()
    {
        Assert.True(China.TryCountWorkingDays(D("2026-09-28"), D("2026-10-15"), out var count));
        Assert.Equal(10, count);
        Assert.True(China.IsWorkingDay(D("2026-10-15")));
    }

    [Theory]
    [InlineData("2026-12-31", "2027-01-04", 2)] // spans two covered years: Dec 31 (Thu) and Jan 4 (Mon)
    public void R_CONV_2_counts_across_covered_years(string from, string to, int expected)
    {
        Assert.True(China.TryCountWorkingDays(D(from), D(to), out var count));
        Assert.Equal(expected, count);
    }

    [Fact]
    public void R_CONV_2_inverted_range_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => China.TryCountWorkingDays(D("2026-10-02"), D("2026-10-01"), out _));
    }

    // ---- TryAddWorkingDays ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("2026-09-28", 10, "2026-10-16")] // result publication 10 working days after Sep 28
    [InlineData("2026-09-30", 1, "2026-10-08")] // jumps over National Day
    [InlineData("2026-10-09", 1, "2026-10-10")] // lands on the make-up Saturday
    [InlineData("2026-10-10", 1, "2026-10-12")]
    [InlineData("2026-02-13", 1, "2026-02-14")] // make-up Saturday before the Spring Festival
    [InlineData("2026-02-14", 1, "2026-02-24")]
    [InlineData("2026-10-03", 1, "2026-10-08")] // start date inside a holiday is not counted
    [InlineData("2026-10-03", 0, "2026-10-03")]
    [InlineData("2026-10-08", -1, "2026-09-30")] // negative counts backwards
    [InlineData("2026-01-05", -1, "2026-01-04")] // back onto the New Year make-up Sunday
    [InlineData("2026-12-31", 1, "2027-01-04")] // into the next covered year
    public void R_CONV_2_adds_working_days(string date, int days, string expected)
    {
        Assert.True(China.TryAddWorkingDays(D(date), days, out var result));
        Assert.Equal(D(expected), result);
    }

    [Fact]
    public void R_CONV_2_adding_and_counting_agree_for_every_2026_start_date()
    {
        for (var start = D("2026-01-01"); start.Year == 2026; start = start.AddDays(1))
        {
            foreach (var days in new[] { 1, 5, 10, 20 })
            {
                Assert.True(China.TryAddWorkingDays(start, days, out var result));
                Assert.True(China.IsWorkingDay(result), $"{start} + {days} = {result} is not a working day");
                Assert.True(China.TryCountWorkingDays(start.AddDays(1), result, out var count));
                Assert.Equal(days, count);
            }
        }
    }

    // ---- uncovered years ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("2030-01-02")]
    [InlineData("2025-12-31")]
    [InlineData("2028-01-03")]
    public void R_CONV_2_uncovered_year_is_not_covered_and_is_working_day_throws(string date)
    {
        Assert.False(China.Covers(D(date)));
        var ex = Assert.Throws<CalendarNotCoveredException>(() => China.IsWorkingDay(D(date)));
        Assert.Equal(D(date), ex.Date);
        Assert.Contains(D(date).Year.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2030-01-01", "2030-01-31")]
    [InlineData("2026-12-01", "2030-01-01")]
    [InlineData("2027-12-01", "2028-01-10")]
    [InlineData("2025-12-29", "2026-01-05")]
    public void R_CONV_2_counting_over_an_uncovered_year_returns_false(string from, string to)
    {
        Assert.False(China.TryCountWorkingDays(D(from), D(to), out var count));
        Assert.Equal(0, count);
    }

    [Theory]
    [InlineData("2030-03-02", 1)]
    [InlineData("2027-12-20", 30)]
    [InlineData("2026-01-05", -5)]
    public void R_CONV_2_adding_past_the_covered_years_returns_false(string date, int days)
    {
        Assert.False(China.TryAddWorkingDays(D(date), days, out var result));
        Assert.Equal(D(date), result);
    }

    // ---- ChinaTime ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("2026-01-01T16:30:00Z", "2026-01-02")]
    [InlineData("2026-01-01T15:59:00Z", "2026-01-01")]
    [InlineData("2026-01-01T15:59:59.9999999Z", "2026-01-01")]
    [InlineData("2026-01-01T16:00:00Z", "2026-01-02")] // midnight in Beijing
    [InlineData("2026-01-02T00:30:00+09:00", "2026-01-01")] // Tokyo 00:30 is Beijing 23:30 the day before
    [InlineData("2026-10-09T20:00:00-04:00", "2026-10-10")]
    public void R_CONV_2_china_local_date_is_taken_in_utc_plus_8(string instant, string expected)
    {
        var at = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.Equal(D(expected), ChinaTime.LocalDate(at));
    }

    [Fact]
    public void R_CONV_2_china_offset_is_utc_plus_8()
    {
        Assert.Equal(TimeSpan.FromHours(8), ChinaTime.Offset);
    }

    // ---- data validation ------------------------------------------------------------------------------------

    private static HolidayYear Year2026(
        IReadOnlyList<HolidayRange>? holidays = null,
        IReadOnlyList<DateOnly>? makeUps = null,
        string status = HolidayYear.StatusOfficial,
        string? note = null,
        int year = 2026) =>
        new(
            year,
            "test notice",
            status,
            holidays ?? [new HolidayRange("国庆节 National Day", D("2026-10-01"), D("2026-10-07"))],
            makeUps ?? [D("2026-09-20"), D("2026-10-10")],
            note);

    public static TheoryData<string, string, HolidayYear[]> InvalidData() => new()
    {
        { "make-up day inside a holiday", "is inside holiday", [Year2026(makeUps: [D("2026-10-03")])] },
        { "make-up day on a weekday", "always Saturdays or Sundays", [Year2026(makeUps: [D("2026-10-09")])] },
        { "make-up day in another year", "is not within 2026", [Year2026(makeUps: [D("2027-01-02")])] },
        { "make-up day listed twice", "listed twice", [Year2026(makeUps: [D("2026-10-10"), D("2026-10-10")])] },
        { "holiday range leaves the year", "is not within 2026", [Year2026(holidays: [new HolidayRange("元旦", D("2025-12-31"), D("2026-01-02"))])] },
        { "holiday range ends before it starts", "ends before it starts", [Year2026(holidays: [new HolidayRange("国庆节", D("2026-10-07"), D("2026-10-01"))])] },
        {
            "overlapping holidays",
            "overlap",
            [Year2026(holidays: [new HolidayRange("中秋节", D("2026-09-25"), D("2026-10-01")), new HolidayRange("国庆节", D("2026-10-01"), D("2026-10-07"))])]
        },
        { "holiday without a name", "has no name", [Year2026(holidays: [new HolidayRange(" ", D("2026-10-01"), D("2026-10-07"))])] },
        { "unknown status", "'status' must be", [Year2026(status: "draft")] },
        { "provisional without a note", "needs a 'note'", [Year2026(status: HolidayYear.StatusProvisional)] },
        { "same year twice", "more than once", [Year2026(), Year2026()] },
    };

    [Theory]
    [MemberData(nameof(InvalidData))]
    public void R_CONV_2_invalid_calendar_data_is_rejected(string why, string expectedMessagePart, HolidayYear[] years)
    {
        var ex = Assert.Throws<HolidayCalendarDataException>(() => WorkingDayCalendar.FromYears(years));
        Assert.True(ex.Message.Contains(expectedMessagePart, StringComparison.Ordinal), $"{why}: unexpected message '{ex.Message}'");
    }

    [Fact]
    public void R_CONV_2_custom_calendar_applies_the_same_rule()
    {
        var calendar = WorkingDayCalendar.FromYears([Year2026(status: HolidayYear.StatusProvisional, note: "test")]);
        Assert.Equal([2026], calendar.CoveredYears);
        Assert.True(calendar.Years[0].IsProvisional);
        Assert.False(calendar.IsWorkingDay(D("2026-10-05")));
        Assert.True(calendar.IsWorkingDay(D("2026-10-10")));
        Assert.True(calendar.IsWorkingDay(D("2026-01-02"))); // no New Year in this data
        Assert.False(calendar.IsWorkingDay(D("2026-01-04")));
    }

    [Theory]
    [InlineData("""{ "year": 2026, "source": "s", "status": "official", "holidays": [], "makeUpWorkdays": [], "extra": 1 }""", "unknown property")]
    [InlineData("""{ "year": 2026, "status": "official", "holidays": [], "makeUpWorkdays": [] }""", "missing source")]
    [InlineData("""{ "source": "s", "status": "official", "holidays": [], "makeUpWorkdays": [] }""", "missing year")]
    [InlineData("""{ "year": 2026, "source": "s", "status": "official", "holidays": [] }""", "missing makeUpWorkdays")]
    [InlineData("""{ "year": 2026, "source": "s", "status": "official", "holidays": [ { "name": "x", "from": "2026-10-01" } ], "makeUpWorkdays": [] }""", "missing to")]
    [InlineData("""{ "year": 2026, "source": "s", "status": "official", "holidays": [], "makeUpWorkdays": [ "2026/10/10" ] }""", "bad date format")]
    [InlineData("""{ "year": 2026, "source": "s", "status": "official", "holidays": [ { "name": "x", "from": "2026-10-01", "to": "2026-10-07" } ], "makeUpWorkdays": [ "2026-10-05" ] }""", "make-up inside holiday")]
    [InlineData("""not json""", "not JSON")]
    public void R_CONV_2_invalid_calendar_json_is_rejected(string json, string why)
    {
        var ex = Assert.Throws<HolidayCalendarDataException>(() => WorkingDayCalendar.Parse(json, "test.json"));
        Assert.StartsWith("test.json: ", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(why));
    }

    [Fact]
    public void R_CONV_2_valid_calendar_json_is_parsed()
    {
        var year = WorkingDayCalendar.Parse(
            """{ "year": 2026, "source": "s", "status": "provisional", "note": "n", "holidays": [ { "name": "x", "from": "2026-10-01", "to": "2026-10-07" } ], "makeUpWorkdays": [ "2026-10-10" ] }""",
            "test.json");
        Assert.Equal(2026, year.Year);
        Assert.True(year.IsProvisional);
        Assert.Equal("n", year.Note);
        Assert.Equal(new HolidayRange("x", D("2026-10-01"), D("2026-10-07")), Assert.Single(year.Holidays));
        Assert.Equal([D("2026-10-10")], year.MakeUpWorkdays);
    }
}
