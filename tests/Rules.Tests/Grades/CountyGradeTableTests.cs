using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Rules.Grades;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.Grades;

/// <summary>
/// DOMAIN §8.2: the shipped county → grade table (every district the 2006 standard names for grades 1–3, with today's
/// codes; merged districts map to their successors), GRADE_MISMATCH at publication and where the grade came from.
/// </summary>
public sealed class CountyGradeTableTests
{
    private static readonly CountyGradeTable Table = CountyGradeTable.Shipped;

    [Theory]
    // Grade 1: Shanghai's Changning, Hongkou, Huangpu, Jing'an, Luwan (→ Huangpu), Putuo, Xuhui, Yangpu, Zhabei (→ Jing'an).
    [InlineData("310105", 1, "310105")]
    [InlineData("310109", 1, "310109")]
    [InlineData("310101", 1, "310101")]
    [InlineData("310106", 1, "310106")]
    [InlineData("310103", 1, "310101")]
    [InlineData("310107", 1, "310107")]
    [InlineData("310104", 1, "310104")]
    [InlineData("310110", 1, "310110")]
    [InlineData("310108", 1, "310106")]
    // Grade 2: Beijing's Chaoyang, Chongwen (→ Dongcheng), Dongcheng, Fengtai, Haidian, Shijingshan, Xicheng, Xuanwu (→ Xicheng); Pudong.
    [InlineData("110105", 2, "110105")]
    [InlineData("110103", 2, "110101")]
    [InlineData("110101", 2, "110101")]
    [InlineData("110106", 2, "110106")]
    [InlineData("110108", 2, "110108")]
    [InlineData("110107", 2, "110107")]
    [InlineData("110102", 2, "110102")]
    [InlineData("110104", 2, "110102")]
    [InlineData("310115", 2, "310115")]
    // Grade 3: Guangzhou's Baiyun, Haizhu, Liwan, Luogang (→ Huangpu), Tianhe, Yuexiu; Shenzhen's Futian, Luohu, Nanshan, Yantian.
    [InlineData("440111", 3, "440111")]
    [InlineData("440105", 3, "440105")]
    [InlineData("440103", 3, "440103")]
    [InlineData("440116", 3, "440112")]
    [InlineData("440106", 3, "440106")]
    [InlineData("440104", 3, "440104")]
    [InlineData("440304", 3, "440304")]
    [InlineData("440303", 3, "440303")]
    [InlineData("440305", 3, "440305")]
    [InlineData("440308", 3, "440308")]
    public void Every_district_DOMAIN_8_2_names_for_grades_1_to_3_has_its_grade_and_todays_code(string code, int grade, string today)
    {
        var county = Table.Find(code);
        Assert.NotNull(county);
        Assert.Equal((grade, today), (county.Grade, county.Code));
    }

    [Fact]
    public void The_shipped_data_cites_its_source_and_says_which_districts_merged()
    {
        Assert.Contains("307号", Table.Source, StringComparison.Ordinal);
        Assert.All(Table.Counties.Where(c => c.FormerCodes.Count > 0), c => Assert.False(string.IsNullOrWhiteSpace(c.Note)));
        Assert.Null(Table.Find("320585")); // Taicang: not a grade 1–3 district, so its declared grade stands
        Assert.Null(Table.Find("310119")); // Nanhui, merged into Pudong: its 2006 grade is not known here
    }

    [Fact]
    public void GRADE_MISMATCH_an_industrial_grade_the_table_contradicts_is_refused_with_the_expected_grade()
    {
        var parcel = IndustrialParcel(grade: 7) with { CountyCode = "310104" }; // Xuhui, Shanghai: grade 1
        var (definition, rejection) = Publication().Validate("L-1", Publish(parcel: parcel, startingPrice: 50_000_000m), Now);
        Assert.Null(definition);
        Assert.NotNull(rejection);
        Assert.Equal((RejectionCodes.GradeMismatch, 1), (rejection.Code, rejection.ExpectedGrade));
        Assert.Contains("parcel.landGrade", rejection.Errors!.Keys);

        var warehouse = parcel with { Use = LandUse.Warehouse, CountyCode = "110104" }; // Xuanwu → Xicheng: grade 2
        Assert.Equal(2, Publication().Validate("L-2", Publish(parcel: warehouse, startingPrice: 50_000_000m), Now).Rejection?.ExpectedGrade);
    }

    [Fact]
    public void The_grade_source_is_the_table_when_it_confirms_the_grade_and_the_declaration_when_the_county_is_not_in_it()
    {
        var confirmed = Publication().Validate("L-1", Publish(parcel: IndustrialParcel(grade: 1) with { CountyCode = "310104" }, startingPrice: 50_000_000m), Now);
        Assert.Equal(GradeSource.Table, confirmed.Definition?.GradeSource);
        var declared = Publication().Validate("L-2", Publish(), Now);
        Assert.Equal(GradeSource.Declared, declared.Definition?.GradeSource);
        // Land without an industrial floor is not graded, wherever it is.
        var commercial = Publication().Validate("L-3", Publish(parcel: CommercialParcel() with { CountyCode = "310104" }), Now);
        Assert.Null(commercial.Rejection);
        Assert.Null(commercial.Definition?.GradeSource);
    }

    [Theory]
    [InlineData("""{ "source": "s", "notes": ["n"], "counties": [ { "code": "310104", "name": "a", "grade": 1 }, { "code": "310104", "name": "b", "grade": 1 } ] }""", "twice")]
    [InlineData("""{ "source": "s", "notes": ["n"], "counties": [ { "code": "310104", "name": "a", "grade": 16 } ] }""", "grade 16")]
    [InlineData("""{ "source": "s", "notes": ["n"], "counties": [ { "code": "3101", "name": "a", "grade": 1 } ] }""", "6-digit")]
    [InlineData("""{ "source": "s", "notes": ["n"], "counties": [ { "code": "310101", "name": "a", "grade": 1, "formerCodes": ["310103"] } ] }""", "note")]
    [InlineData("""{ "source": "s", "counties": [] }""", "required")]
    [InlineData("""{ "source": "s", "notes": ["n"], "counties": [ { "code": "310101", "name": "a", "grade": 1, "extra": 1 } ] }""", "invalid")]
    public void Bad_table_data_is_refused_with_a_reason(string json, string reason)
    {
        var error = Assert.Throws<CountyGradeDataException>(() => CountyGradeTable.Parse(json, "test.json"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
