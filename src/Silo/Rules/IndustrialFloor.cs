using Auction.Contracts.Common;
using Auction.Contracts.Listings;

namespace Auction.Silo.Rules;

/// <summary>
/// The national industrial land minimum price standard (国土资发〔2006〕307号, DOMAIN §8.1) with the 2009
/// category factors (国土资发〔2009〕56号, §8.4–8.5). Applies to industrial and warehouse land (R-COM-01).
/// </summary>
public static class IndustrialFloor
{
    /// <summary>Yuan per m² of land for grades 1 (一等) … 15 (十五等).</summary>
    public static IReadOnlyList<decimal> BasePerM2ByGrade { get; } =
        [840m, 720m, 600m, 480m, 384m, 336m, 288m, 252m, 204m, 168m, 144m, 120m, 96m, 84m, 60m];

    public const int LowestGrade = 15;

    /// <summary>R-IND-08: one category per parcel, factors never stack.</summary>
    public static decimal Factor(IndustrialCategory category) => category switch
    {
        IndustrialCategory.Normal => 1.00m,
        IndustrialCategory.PriorityIntensive => 0.70m,
        IndustrialCategory.AgriPrimaryProcessing => 0.70m,
        IndustrialCategory.UnusedInsideUrban => 0.50m,
        IndustrialCategory.UnusedOutsideUrbanCentralWest => 0.15m,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "unknown industrial category"),
    };

    public static bool AppliesTo(LandUse use) => use is LandUse.Industrial or LandUse.Warehouse;

    public static decimal BasePerM2(int grade) =>
        grade is >= 1 and <= LowestGrade
            ? BasePerM2ByGrade[grade - 1]
            : throw new ArgumentOutOfRangeException(nameof(grade), grade, "land grade must be 1..15");

    /// <summary>Floor = base[grade] × factor × area, rounded up to the fen (§8.5). Null when the use carries no floor.</summary>
    public static FloorComputation? For(Parcel parcel)
    {
        if (!AppliesTo(parcel.Use)) return null;
        var grade = parcel.LandGrade ?? throw new ArgumentException("industrial and warehouse parcels need a land grade", nameof(parcel));
        var category = parcel.IndustrialCategory ?? IndustrialCategory.Normal;
        return Compute(grade, category, parcel.AreaM2);
    }

    public static FloorComputation Compute(int grade, IndustrialCategory category, decimal areaM2)
    {
        var basePerM2 = BasePerM2(grade);
        var factor = Factor(category);
        var perM2 = basePerM2 * factor;
        return new FloorComputation(grade, basePerM2, factor, perM2, MoneyRules.CeilingToFen(perM2 * areaM2), ToApiName(category), areaM2);
    }

    public static string ToApiName(IndustrialCategory category) => category switch
    {
        IndustrialCategory.Normal => "normal",
        IndustrialCategory.PriorityIntensive => "priorityIntensive",
        IndustrialCategory.AgriPrimaryProcessing => "agriPrimaryProcessing",
        IndustrialCategory.UnusedInsideUrban => "unusedInsideUrban",
        IndustrialCategory.UnusedOutsideUrbanCentralWest => "unusedOutsideUrbanCentralWest",
        _ => category.ToString(),
    };

    /// <summary>R-IND-03 / R-IND-09: the rejection when a price that must respect the floor does not.</summary>
    public static Rejection Violation(FloorComputation floor, string what, decimal amount) =>
        new(RejectionCodes.FloorViolation,
            $"{what} {amount} is below the industrial land minimum price {floor.Total} (grade {floor.Grade}, {floor.BasePerM2} yuan/m² × {floor.Factor} × {floor.AreaM2} m²; 底价低于工业用地出让最低价标准).",
            Floor: floor);
}
