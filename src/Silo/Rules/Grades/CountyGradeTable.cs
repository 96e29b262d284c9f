using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;

namespace Auction.Silo.Rules.Grades;

/// <summary>One county-level unit of the table: today's code, the codes of districts merged into it since 2006, its land grade.</summary>
public sealed record CountyGrade(string Code, string Name, int Grade, IReadOnlyList<string> FormerCodes, string? Note);

/// <summary>
/// What the table says about a parcel's declared grade (DOMAIN §8.2, API.md "Regulator compliance"): nothing for land
/// without an industrial floor; <see cref="GradeSource.Declared"/> when the county is not in the table;
/// <see cref="GradeSource.Table"/> when the table confirms the grade; a mismatch with the grade the table expects.
/// </summary>
public sealed record GradeVerdict(GradeSource? Source, CountyGrade? County, int? DeclaredGrade)
{
    public bool IsMismatch => County is not null && County.Grade != DeclaredGrade;

    /// <summary>GRADE_MISMATCH (422) with the expected grade, naming the parcel's field for the centre's form.</summary>
    public Rejection Mismatch()
    {
        var county = County ?? throw new InvalidOperationException("no county to contradict");
        var message = $"The declared land grade {DeclaredGrade} contradicts the county table: {county.Name} ({county.Code}) is grade {county.Grade} " +
            "(国土资发〔2006〕307号 附件2, DOMAIN §8.2).";
        return new Rejection(RejectionCodes.GradeMismatch, message, ExpectedGrade: county.Grade,
            Errors: new Dictionary<string, string[]> { ["parcel.landGrade"] = [$"must be {county.Grade} for county {county.Code} ({county.Name})"] });
    }
}

/// <summary>
/// The county → land grade table shipped as data (<c>Rules/Grades/Data/county-grades.json</c>, an embedded resource):
/// the counties DOMAIN §8.2 names with today's codes, merged districts mapped to their successors. Counties that are
/// not in it keep the grade the centre declares. Immutable and thread-safe.
/// </summary>
public sealed class CountyGradeTable
{
    internal const string ResourceName = "CountyGrades.county-grades.json";

    private static readonly Lazy<CountyGradeTable> LazyShipped = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, CountyGrade> _byCode = new(StringComparer.Ordinal);

    private CountyGradeTable(string source, IEnumerable<CountyGrade> counties)
    {
        Source = source;
        foreach (var county in counties)
        {
            Validate(county);
            foreach (var code in county.FormerCodes.Prepend(county.Code))
                if (!_byCode.TryAdd(code, county)) throw new CountyGradeDataException($"County code {code} appears twice in the grade table.");
        }
        Counties = _byCode.Values.Distinct().OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The table built from the embedded data, loaded on first use.</summary>
    public static CountyGradeTable Shipped => LazyShipped.Value;

    public static CountyGradeTable From(string source, IEnumerable<CountyGrade> counties) => new(source, counties);

    public string Source { get; }

    public IReadOnlyList<CountyGrade> Counties { get; }

    /// <summary>The county of a code, today's or a merged district's; null when the table does not have it.</summary>
    public CountyGrade? Find(string? countyCode) => countyCode is null ? null : _byCode.GetValueOrDefault(countyCode);

    /// <summary>The verdict on a parcel's declared grade; only industrial and warehouse land is graded (R-COM-01, §8).</summary>
    public GradeVerdict Judge(Parcel parcel)
    {
        if (!IndustrialFloor.AppliesTo(parcel.Use)) return new GradeVerdict(null, null, parcel.LandGrade);
        return Find(parcel.CountyCode) is { } county
            ? new GradeVerdict(GradeSource.Table, county, parcel.LandGrade)
            : new GradeVerdict(GradeSource.Declared, null, parcel.LandGrade);
    }

    private static void Validate(CountyGrade county)
    {
        if (county.Code is not { Length: 6 } || !county.Code.All(char.IsAsciiDigit))
            throw new CountyGradeDataException($"County code '{county.Code}' is not a 6-digit administrative division code.");
        if (county.Grade is < 1 or > IndustrialFloor.LowestGrade)
            throw new CountyGradeDataException($"County {county.Code} has grade {county.Grade}; grades are 1..{IndustrialFloor.LowestGrade}.");
        if (string.IsNullOrWhiteSpace(county.Name)) throw new CountyGradeDataException($"County {county.Code} has no name.");
        if (county.FormerCodes.Count > 0 && string.IsNullOrWhiteSpace(county.Note))
            throw new CountyGradeDataException($"County {county.Code} lists merged districts without a note saying which and when.");
        foreach (var former in county.FormerCodes)
            if (former is not { Length: 6 } || !former.All(char.IsAsciiDigit))
                throw new CountyGradeDataException($"County {county.Code}: former code '{former}' is not a 6-digit code.");
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static CountyGradeTable LoadEmbedded()
    {
        var assembly = typeof(CountyGradeTable).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new CountyGradeDataException($"The embedded county grade table ({ResourceName}) is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), ResourceName);
    }

    /// <summary>Parses and validates a table file (format of <c>Rules/Grades/Data/county-grades.json</c>).</summary>
    internal static CountyGradeTable Parse(string json, string origin)
    {
        TableDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<TableDto>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new CountyGradeDataException($"{origin}: invalid county grade JSON: {ex.Message}", ex);
        }
        if (dto?.Source is not { Length: > 0 } source || dto.Counties is null || dto.Notes is not { Count: > 0 })
            throw new CountyGradeDataException($"{origin}: 'source', 'notes' and 'counties' are required.");
        try
        {
            return new CountyGradeTable(source, dto.Counties.Select(c => new CountyGrade(c.Code ?? "", c.Name ?? "", c.Grade ?? 0, c.FormerCodes ?? [], c.Note)));
        }
        catch (CountyGradeDataException ex)
        {
            throw new CountyGradeDataException($"{origin}: {ex.Message}", ex);
        }
    }

    private sealed class TableDto
    {
        public string? Source { get; set; }
        public string? Status { get; set; }
        public List<string>? Notes { get; set; }
        public List<CountyDto>? Counties { get; set; }
    }

    private sealed class CountyDto
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public int? Grade { get; set; }
        public List<string>? FormerCodes { get; set; }
        public string? Note { get; set; }
    }
}

/// <summary>The county grade table's data is missing, malformed or inconsistent.</summary>
public sealed class CountyGradeDataException : Exception
{
    public CountyGradeDataException(string message) : base(message)
    {
    }

    public CountyGradeDataException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
