using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Rules;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests;

/// <summary>DOMAIN §8.1 price table, §8.4–8.5 category factors and floor computation, R-IND-03/08/09, R-COM-01.</summary>
public sealed class IndustrialFloorTests
{
    [Theory]
    [InlineData(1, 840)]
    [InlineData(2, 720)]
    [InlineData(3, 600)]
    [InlineData(4, 480)]
    [InlineData(5, 384)]
    [InlineData(6, 336)]
    [InlineData(7, 288)]
    [InlineData(8, 252)]
    [InlineData(9, 204)]
    [InlineData(10, 168)]
    [InlineData(11, 144)]
    [InlineData(12, 120)]
    [InlineData(13, 96)]
    [InlineData(14, 84)]
    [InlineData(15, 60)]
    public void S8_1_grade_table_yuan_per_m2_of_land(int grade, int perM2)
    {
        Assert.Equal(perM2, IndustrialFloor.BasePerM2(grade));
        Assert.Equal(perM2, IndustrialFloor.BasePerM2ByGrade[grade - 1]);

        // Normal category, 1 m²: the floor is the table value itself.
        var floor = IndustrialFloor.Compute(grade, IndustrialCategory.Normal, 1m);
        Assert.Equal(grade, floor.Grade);
        Assert.Equal(perM2, floor.PerM2);
        Assert.Equal(perM2, floor.Total);
    }

    [Fact]
    public void S8_1_table_has_exactly_15_grades_descending()
    {
        Assert.Equal(15, IndustrialFloor.LowestGrade);
        Assert.Equal(IndustrialFloor.LowestGrade, IndustrialFloor.BasePerM2ByGrade.Count);
        Assert.Equal(IndustrialFloor.BasePerM2ByGrade.OrderByDescending(p => p), IndustrialFloor.BasePerM2ByGrade);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(-1)]
    public void S8_1_grade_outside_1_to_15_is_refused(int grade) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IndustrialFloor.BasePerM2(grade));

    [Theory]
    [InlineData(IndustrialCategory.Normal, "1.0", "normal")]
    [InlineData(IndustrialCategory.PriorityIntensive, "0.7", "priorityIntensive")]
    [InlineData(IndustrialCategory.AgriPrimaryProcessing, "0.7", "agriPrimaryProcessing")]
    [InlineData(IndustrialCategory.UnusedInsideUrban, "0.5", "unusedInsideUrban")]
    [InlineData(IndustrialCategory.UnusedOutsideUrbanCentralWest, "0.15", "unusedOutsideUrbanCentralWest")]
    public void S8_5_R_IND_08_one_factor_per_category(IndustrialCategory category, string factor, string apiName)
    {
        Assert.Equal(Dec(factor), IndustrialFloor.Factor(category));
        Assert.Equal(apiName, IndustrialFloor.ToApiName(category));

        var floor = IndustrialFloor.Compute(7, category, 50_000m);
        Assert.Equal(Dec(factor), floor.Factor);
        Assert.Equal(288m * Dec(factor), floor.PerM2);
        Assert.Equal(288m * Dec(factor) * 50_000m, floor.Total);
        Assert.Equal(apiName, floor.Category);
        Assert.Equal(50_000m, floor.AreaM2);
    }

    // §8.5 worked example / §11.4 scenario 14: grade 7, 50,000 m².
    [Theory]
    [InlineData(IndustrialCategory.Normal, "14400000", "201.6")]
    [InlineData(IndustrialCategory.PriorityIntensive, "10080000", "201.6")]
    public void S11_4_scenario_14_grade_7_50000_m2_floor(IndustrialCategory category, string total, string priorityPerM2)
    {
        var floor = IndustrialFloor.Compute(7, category, 50_000m);
        Assert.Equal(Dec(total), floor.Total);
        Assert.Equal(Dec(priorityPerM2), IndustrialFloor.Compute(7, IndustrialCategory.PriorityIntensive, 1m).PerM2);
    }

    // §11.4 scenario 14 through publication (R-IND-03, R-IND-09a): reserve 1,000 万 fails both; 1,010 万 passes only with the 70% category.
    [Theory]
    [InlineData(IndustrialCategory.Normal, "10000000", false)]
    [InlineData(IndustrialCategory.PriorityIntensive, "10000000", false)]
    [InlineData(IndustrialCategory.Normal, "10100000", false)]
    [InlineData(IndustrialCategory.PriorityIntensive, "10100000", true)]
    [InlineData(IndustrialCategory.PriorityIntensive, "10080000", true)]
    [InlineData(IndustrialCategory.PriorityIntensive, "10079999.99", false)]
    [InlineData(IndustrialCategory.Normal, "14400000", true)]
    public void R_IND_03_S11_4_scenario_14_reserve_against_floor(IndustrialCategory category, string reserve, bool accepted)
    {
        var command = Publish(IndustrialParcel(7, category), startingPrice: 10_000_000m, reserve: Dec(reserve));

        var (definition, rejection) = Publication().Validate("L-14", command, Now);

        if (accepted)
        {
            Assert.Null(rejection);
            Assert.NotNull(definition);
        }
        else
        {
            Assert.NotNull(rejection);
            Assert.Equal(RejectionCodes.FloorViolation, rejection.Code);
            Assert.NotNull(rejection.Floor);
            Assert.Equal(IndustrialFloor.Compute(7, category, 50_000m).Total, rejection.Floor.Total);
        }
    }

    [Theory]
    [InlineData(LandUse.Industrial, true)]
    [InlineData(LandUse.Warehouse, true)]
    [InlineData(LandUse.Commercial, false)]
    [InlineData(LandUse.Residential, false)]
    [InlineData(LandUse.Mixed, false)]
    [InlineData(LandUse.Other, false)]
    public void R_COM_01_floor_applies_to_industrial_and_warehouse_only(LandUse use, bool applies)
    {
        Assert.Equal(applies, IndustrialFloor.AppliesTo(use));
        var parcel = IndustrialParcel() with { Use = use };
        var floor = IndustrialFloor.For(parcel);
        if (applies)
        {
            Assert.NotNull(floor);
            Assert.Equal(NormalFloorGrade7, floor.Total);
        }
        else
        {
            Assert.Null(floor);
        }
    }

    [Fact]
    public void R_COM_01_commercial_parcel_without_grade_has_no_floor() =>
        Assert.Null(IndustrialFloor.For(CommercialParcel()));

    [Theory]
    [InlineData(LandUse.Industrial)]
    [InlineData(LandUse.Warehouse)]
    public void S8_5_industrial_parcel_without_grade_cannot_compute_a_floor(LandUse use) =>
        Assert.Throws<ArgumentException>(() => IndustrialFloor.For(IndustrialParcel(grade: null) with { Use = use }));

    [Fact]
    public void S8_5_missing_category_means_normal()
    {
        var floor = IndustrialFloor.For(IndustrialParcel(7, category: null));
        Assert.NotNull(floor);
        Assert.Equal(1.0m, floor.Factor);
        Assert.Equal("normal", floor.Category);
    }

    // §8.5: total = base × factor × area, rounded UP to the fen (never in the bidder's favour).
    [Theory]
    [InlineData(15, IndustrialCategory.UnusedOutsideUrbanCentralWest, "0.07", "0.63")]   // 9 × 0.07 exact
    [InlineData(15, IndustrialCategory.UnusedOutsideUrbanCentralWest, "333.33", "2999.97")] // 9 × 333.33 exact
    [InlineData(7, IndustrialCategory.PriorityIntensive, "0.01", "2.02")]                // 201.6 × 0.01 = 2.016
    [InlineData(8, IndustrialCategory.PriorityIntensive, "0.01", "1.77")]                // 176.4 × 0.01 = 1.764
    [InlineData(15, IndustrialCategory.UnusedOutsideUrbanCentralWest, "0.01", "0.09")]   // 9 × 0.01 exact
    [InlineData(13, IndustrialCategory.UnusedOutsideUrbanCentralWest, "0.03", "0.44")]   // 14.4 × 0.03 = 0.432
    [InlineData(1, IndustrialCategory.UnusedInsideUrban, "1234.57", "518519.40")]       // 420 × 1234.57 exact
    public void S8_5_floor_total_is_rounded_up_to_the_fen(int grade, IndustrialCategory category, string areaM2, string expectedTotal) =>
        Assert.Equal(Dec(expectedTotal), IndustrialFloor.Compute(grade, category, Dec(areaM2)).Total);

    [Fact]
    public void R_IND_09_violation_carries_the_floor_computation()
    {
        var floor = IndustrialFloor.Compute(7, IndustrialCategory.Normal, 50_000m);
        var rejection = IndustrialFloor.Violation(floor, "The reserve", 10_000_000m);

        Assert.Equal(RejectionCodes.FloorViolation, rejection.Code);
        Assert.Same(floor, rejection.Floor);
        Assert.Contains("底价低于工业用地出让最低价标准", rejection.Message, StringComparison.Ordinal);
    }
}
