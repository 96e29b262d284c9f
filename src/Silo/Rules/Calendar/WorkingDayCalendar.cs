using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auction.Silo.Rules.Calendar;

/// <summary>
/// China official working-day calendar (R-CONV-2): the State Council's yearly holiday schedule
/// (国务院办公厅关于XXXX年部分节假日安排的通知), including make-up working weekends (调休上班).
/// </summary>
/// <remarks>
/// A date is a working day iff it is a make-up workday, or it is Monday–Friday and not inside a holiday range.
/// Coverage is per calendar year: a year without data is not covered, and every query touching it
/// either returns <c>false</c> (Try* methods) or throws <see cref="CalendarNotCoveredException"/>;
/// the calendar never guesses. Each year's data holds exactly the dates of that calendar year, so
/// when a notice has an entry in the neighbouring year (e.g. a 31 December holiday or make-up day),
/// that entry belongs in the neighbouring year's file.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class WorkingDayCalendar
{
    internal const string ResourcePrefix = "HolidayCalendar.";
    private const string ResourceSuffix = ".json";

    private static readonly Lazy<WorkingDayCalendar> LazyChina = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<int, bool[]> workingByYear;

    private WorkingDayCalendar(IEnumerable<HolidayYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var sorted = new List<HolidayYear>();
        workingByYear = [];
        foreach (var year in years)
        {
            if (year is null)
            {
                throw new HolidayCalendarDataException("Holiday calendar data contains a null year.");
            }

            Validate(year);
            if (workingByYear.ContainsKey(year.Year))
            {
                throw new HolidayCalendarDataException($"Holiday calendar data for {year.Year} is defined more than once.");
            }

            workingByYear.Add(year.Year, BuildWorkingTable(year));
            sorted.Add(year);
        }

        sorted.Sort((a, b) => a.Year.CompareTo(b.Year));
        Years = sorted.AsReadOnly();
        CoveredYears = sorted.Select(y => y.Year).ToArray().AsReadOnly();
    }

    /// <summary>The China calendar built from every embedded <c>HolidayCalendar.*.json</c> resource, loaded on first use.</summary>
    /// <exception cref="HolidayCalendarDataException">An embedded data file is missing or invalid.</exception>
    public static WorkingDayCalendar China => LazyChina.Value;

    /// <summary>Builds a calendar from explicit year data (validated as the embedded data is).</summary>
    /// <exception cref="HolidayCalendarDataException">The data is invalid.</exception>
    public static WorkingDayCalendar FromYears(IEnumerable<HolidayYear> years) => new(years);

    /// <summary>Covered years, ascending.</summary>
    public IReadOnlyCollection<int> CoveredYears { get; }

    /// <summary>The data of every covered year, ascending; check <see cref="HolidayYear.IsProvisional"/> before relying on a year.</summary>
    public IReadOnlyList<HolidayYear> Years { get; }

    public bool Covers(DateOnly date) => workingByYear.ContainsKey(date.Year);

    /// <exception cref="CalendarNotCoveredException">The year of <paramref name="date"/> is not covered.</exception>
    public bool IsWorkingDay(DateOnly date) =>
        TryIsWorkingDay(date, out var working) ? working : throw new CalendarNotCoveredException(date);

    /// <summary>
    /// Counts working days over the calendar dates [<paramref name="fromInclusive"/>, <paramref name="toInclusive"/>], both ends included.
    /// Returns <c>false</c> (and <paramref name="count"/> = 0) when any year in the range is not covered.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="toInclusive"/> is before <paramref name="fromInclusive"/>.</exception>
    public bool TryCountWorkingDays(DateOnly fromInclusive, DateOnly toInclusive, out int count)
    {
        if (toInclusive < fromInclusive)
        {
            throw new ArgumentException(
                $"The range end {Format(toInclusive)} is before its start {Format(fromInclusive)}.", nameof(toInclusive));
        }

        count = 0;
        for (var year = fromInclusive.Year; year <= toInclusive.Year; year++)
        {
            if (!workingByYear.ContainsKey(year))
            {
                return false;
            }
        }

        var total = 0;
        for (var year = fromInclusive.Year; year <= toInclusive.Year; year++)
        {
            var table = workingByYear[year];
            var first = year == fromInclusive.Year ? fromInclusive.DayOfYear - 1 : 0;
            var last = year == toInclusive.Year ? toInclusive.DayOfYear - 1 : table.Length - 1;
            for (var i = first; i <= last; i++)
            {
                if (table[i])
                {
                    total++;
                }
            }
        }

        count = total;
        return true;
    }

    /// <summary>
    /// The date that is <paramref name="days"/> working days after <paramref name="date"/>; <paramref name="date"/> itself is
    /// not counted (1 working day after Friday is normally Monday). A negative <paramref name="days"/> counts backwards
    /// (-1 is the previous working day); 0 returns <paramref name="date"/> unchanged.
    /// Returns <c>false</c> (and <paramref name="result"/> = <paramref name="date"/>) if the count runs into a year that is not covered.
    /// </summary>
    public bool TryAddWorkingDays(DateOnly date, int days, out DateOnly result)
    {
        result = date;
        var step = days >= 0 ? 1 : -1;
        var remaining = Math.Abs((long)days);
        var current = date;
        while (remaining > 0)
        {
            if ((step > 0 && current == DateOnly.MaxValue) || (step < 0 && current == DateOnly.MinValue))
            {
                return false;
            }

            current = current.AddDays(step);
            if (!TryIsWorkingDay(current, out var working))
            {
                return false;
            }

            if (working)
            {
                remaining--;
            }
        }

        result = current;
        return true;
    }

    private bool TryIsWorkingDay(DateOnly date, out bool working)
    {
        if (workingByYear.TryGetValue(date.Year, out var table))
        {
            working = table[date.DayOfYear - 1];
            return true;
        }

        working = false;
        return false;
    }

    private static bool[] BuildWorkingTable(HolidayYear year)
    {
        var first = new DateOnly(year.Year, 1, 1);
        var table = new bool[DateTime.IsLeapYear(year.Year) ? 366 : 365];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = !IsWeekend(first.AddDays(i));
        }

        foreach (var holiday in year.Holidays)
        {
            for (var day = holiday.From; day <= holiday.To; day = day.AddDays(1))
            {
                table[day.DayOfYear - 1] = false;
            }
        }

        foreach (var makeUp in year.MakeUpWorkdays)
        {
            table[makeUp.DayOfYear - 1] = true;
        }

        return table;
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- validation -------------------------------------------------------------------------------------------

    internal static void Validate(HolidayYear year)
    {
        var y = year.Year;
        if (y < 1 || y > 9999)
        {
            throw new HolidayCalendarDataException($"Holiday calendar year {y} is out of range.");
        }

        var where = $"Holiday calendar {y}";
        if (string.IsNullOrWhiteSpace(year.Source))
        {
            throw new HolidayCalendarDataException($"{where}: 'source' is required (cite the State Council notice).");
        }

        if (year.Status != HolidayYear.StatusOfficial && year.Status != HolidayYear.StatusProvisional)
        {
            throw new HolidayCalendarDataException(
                $"{where}: 'status' must be '{HolidayYear.StatusOfficial}' or '{HolidayYear.StatusProvisional}', got '{year.Status}'.");
        }

        if (year.IsProvisional && string.IsNullOrWhiteSpace(year.Note))
        {
            throw new HolidayCalendarDataException($"{where}: a provisional year needs a 'note' explaining what must replace it.");
        }

        if (year.Holidays is null || year.MakeUpWorkdays is null)
        {
            throw new HolidayCalendarDataException($"{where}: 'holidays' and 'makeUpWorkdays' are required (they may be empty).");
        }

        foreach (var holiday in year.Holidays)
        {
            if (holiday is null)
            {
                throw new HolidayCalendarDataException($"{where}: a holiday entry is null.");
            }

            var range = $"holiday '{holiday.Name}' {Format(holiday.From)}..{Format(holiday.To)}";
            if (string.IsNullOrWhiteSpace(holiday.Name))
            {
                throw new HolidayCalendarDataException($"{where}: {range} has no name.");
            }

            if (holiday.To < holiday.From)
            {
                throw new HolidayCalendarDataException($"{where}: {range} ends before it starts.");
            }

            if (holiday.From.Year != y || holiday.To.Year != y)
            {
                throw new HolidayCalendarDataException(
                    $"{where}: {range} is not within {y}; put dates of another year in that year's file.");
            }
        }

        var ordered = year.Holidays.OrderBy(h => h.From).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].From <= ordered[i - 1].To)
            {
                throw new HolidayCalendarDataException(
                    $"{where}: holidays '{ordered[i - 1].Name}' and '{ordered[i].Name}' overlap.");
            }
        }

        var seen = new HashSet<DateOnly>();
        foreach (var makeUp in year.MakeUpWorkdays)
        {
            var what = $"make-up workday {Format(makeUp)}";
            if (makeUp.Year != y)
            {
                throw new HolidayCalendarDataException(
                    $"{where}: {what} is not within {y}; put dates of another year in that year's file.");
            }

            if (!seen.Add(makeUp))
            {
                throw new HolidayCalendarDataException($"{where}: {what} is listed twice.");
            }

            if (!IsWeekend(makeUp))
            {
                throw new HolidayCalendarDataException(
                    $"{where}: {what} is a {makeUp.DayOfWeek}; make-up workdays (调休上班) are always Saturdays or Sundays.");
            }

            var inside = year.Holidays.FirstOrDefault(h => h.From <= makeUp && makeUp <= h.To);
            if (inside is not null)
            {
                throw new HolidayCalendarDataException(
                    $"{where}: {what} is inside holiday '{inside.Name}' {Format(inside.From)}..{Format(inside.To)}.");
            }
        }
    }

    // ---- embedded JSON ----------------------------------------------------------------------------------------

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static WorkingDayCalendar LoadEmbedded()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            throw new HolidayCalendarDataException(
                $"No embedded holiday calendar resources ({ResourcePrefix}*{ResourceSuffix}) found in {assembly.GetName().Name}.");
        }

        var years = new List<HolidayYear>(names.Count);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new HolidayCalendarDataException($"Embedded resource '{name}' could not be opened.");
            using var reader = new StreamReader(stream);
            var year = Parse(reader.ReadToEnd(), name);
            var expectedName = $"{ResourcePrefix}cn-{year.Year.ToString(CultureInfo.InvariantCulture)}{ResourceSuffix}";
            if (!string.Equals(name, expectedName, StringComparison.Ordinal))
            {
                throw new HolidayCalendarDataException($"{name}: holds year {year.Year}; the resource must be named '{expectedName}'.");
            }

            years.Add(year);
        }

        return new WorkingDayCalendar(years);
    }

    /// <summary>Parses and validates one year file (format of <c>Rules/Calendar/Data/cn-YYYY.json</c>).</summary>
    /// <exception cref="HolidayCalendarDataException">The JSON is malformed, incomplete or fails validation.</exception>
    internal static HolidayYear Parse(string json, string origin)
    {
        YearDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<YearDto>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new HolidayCalendarDataException($"{origin}: invalid holiday calendar JSON: {ex.Message}", ex);
        }

        if (dto is null)
        {
            throw new HolidayCalendarDataException($"{origin}: holiday calendar JSON is empty.");
        }

        static T Required<T>(T? value, string property, string origin) where T : class =>
            value ?? throw new HolidayCalendarDataException($"{origin}: '{property}' is required.");

        if (dto.Year is not { } yearNumber)
        {
            throw new HolidayCalendarDataException($"{origin}: 'year' is required.");
        }

        var holidays = new List<HolidayRange>();
        foreach (var h in Required(dto.Holidays, "holidays", origin))
        {
            var entry = $"holidays[{holidays.Count.ToString(CultureInfo.InvariantCulture)}]";
            if (h is null)
            {
                throw new HolidayCalendarDataException($"{origin}: '{entry}' is null.");
            }

            holidays.Add(new HolidayRange(
                Required(h.Name, entry + ".name", origin),
                h.From ?? throw new HolidayCalendarDataException($"{origin}: '{entry}.from' is required."),
                h.To ?? throw new HolidayCalendarDataException($"{origin}: '{entry}.to' is required.")));
        }

        var year = new HolidayYear(
            yearNumber,
            Required(dto.Source, "source", origin),
            Required(dto.Status, "status", origin),
            holidays.AsReadOnly(),
            Required(dto.MakeUpWorkdays, "makeUpWorkdays", origin).AsReadOnly(),
            dto.Note);

        try
        {
            Validate(year);
        }
        catch (HolidayCalendarDataException ex)
        {
            throw new HolidayCalendarDataException($"{origin}: {ex.Message}", ex);
        }

        return year;
    }

    private sealed class YearDto
    {
        public int? Year { get; set; }

        public string? Source { get; set; }

        public string? Status { get; set; }

        public string? Note { get; set; }

        public List<RangeDto?>? Holidays { get; set; }

        public List<DateOnly>? MakeUpWorkdays { get; set; }
    }

    private sealed class RangeDto
    {
        public string? Name { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }
    }
}

/// <summary>One year of the State Council holiday schedule.</summary>
/// <param name="Status"><see cref="StatusOfficial"/> (from the published notice) or <see cref="StatusProvisional"/> (an estimate to be replaced).</param>
public sealed record HolidayYear(
    int Year,
    string Source,
    string Status,
    IReadOnlyList<HolidayRange> Holidays,
    IReadOnlyList<DateOnly> MakeUpWorkdays,
    string? Note = null)
{
    public const string StatusOfficial = "official";
    public const string StatusProvisional = "provisional";

    public bool IsProvisional => Status == StatusProvisional;
}

/// <summary>A run of days off (放假), both ends inclusive.</summary>
public sealed record HolidayRange(string Name, DateOnly From, DateOnly To);

/// <summary>The working-day calendar has no holiday schedule for the year of <see cref="Date"/>.</summary>
public sealed class CalendarNotCoveredException(DateOnly date) : Exception(
    $"The China working-day calendar has no holiday schedule for {date.Year} (date {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}); " +
    $"add Rules/Calendar/Data/cn-{date.Year.ToString(CultureInfo.InvariantCulture)}.json from the State Council notice.")
{
    public DateOnly Date { get; } = date;
}

/// <summary>Holiday calendar data is missing, malformed or inconsistent.</summary>
public sealed class HolidayCalendarDataException : Exception
{
    public HolidayCalendarDataException(string message)
        : base(message)
    {
    }

    public HolidayCalendarDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
