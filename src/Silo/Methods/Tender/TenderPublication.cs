using Auction.Contracts.Listings;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Tender;

/// <summary>
/// The <c>tender</c> block of a publication (API.md v2 "Tender"): the evaluation, <c>minTenderers</c> ≥ 1 (default 3,
/// R-TEN-04) and, for a comprehensive tender, an odd committee of at least 5 (R-TEN-05), the price weight and uniquely
/// named criteria whose maximum scores make 100 with it. A price tender ignores the comprehensive fields (API.md marks them
/// "comprehensive only"); its published terms keep only what applies.
/// </summary>
public static class TenderPublication
{
    public const int MaxMinTenderers = 1000;
    public const int MaxCommitteeSize = 99;
    public const int MaxCriteria = 20;
    public const int MaxCriterionIdLength = 64;
    public const int MaxCriterionNameLength = 200;
    public const decimal TotalPoints = 100m;

    public static void Validate(TenderTerms? terms, FieldErrors errors)
    {
        terms ??= TenderTerms.Default;
        if (!Enum.IsDefined(terms.Evaluation)) errors.Add("tender.evaluation", "must be one of: highestPrice, comprehensive");
        if (terms.MinTenderers is < 1 or > MaxMinTenderers) errors.Add("tender.minTenderers", $"must be 1..{MaxMinTenderers} (the national rule is 3, R-TEN-04)");
        if (terms.Evaluation == TenderEvaluation.Comprehensive) ValidateComprehensive(terms, errors);
    }

    /// <summary>The terms in force: the defaults when the block is absent, and no committee for a price tender.</summary>
    public static TenderTerms InForce(TenderTerms? terms) =>
        terms is null ? TenderTerms.Default
        : terms.Evaluation == TenderEvaluation.HighestPrice ? terms with { CommitteeSize = null, PriceWeight = null, Criteria = null }
        : terms;

    private static void ValidateComprehensive(TenderTerms terms, FieldErrors errors)
    {
        if (terms.CommitteeSize is not { } size) errors.Add("tender.committeeSize", "is required for a comprehensive evaluation");
        else if (size < 5 || size > MaxCommitteeSize || size % 2 == 0)
            errors.Add("tender.committeeSize", $"must be an odd number from 5 to {MaxCommitteeSize} (R-TEN-05)");
        if (terms.PriceWeight is not { } weight) errors.Add("tender.priceWeight", "is required for a comprehensive evaluation");
        else if (weight < 0 || weight > TotalPoints || decimal.Round(weight, 2) != weight)
            errors.Add("tender.priceWeight", "must be 0..100 points with at most 2 decimals");
        if (terms.Criteria is not { Count: > 0 } criteria)
        {
            errors.Add("tender.criteria", "must list at least one criterion for a comprehensive evaluation");
            return;
        }
        if (criteria.Count > MaxCriteria) errors.Add("tender.criteria", $"must list at most {MaxCriteria} criteria");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            if (c is null)
            {
                errors.Add($"tender.criteria[{i}]", "is required");
                continue;
            }
            errors.RequireText($"tender.criteria[{i}].id", c.Id, MaxCriterionIdLength);
            errors.RequireText($"tender.criteria[{i}].name", c.Name, MaxCriterionNameLength);
            if (c.Id is not null && !ids.Add(c.Id)) errors.Add($"tender.criteria[{i}].id", $"'{c.Id}' is used by an earlier criterion: ids must be unique");
            if (c.MaxScore <= 0 || c.MaxScore > TotalPoints || decimal.Round(c.MaxScore, 2) != c.MaxScore)
                errors.Add($"tender.criteria[{i}].maxScore", "must be greater than 0 and at most 100, with at most 2 decimals");
        }
        var total = (terms.PriceWeight ?? 0) + criteria.Where(c => c is not null).Sum(c => c.MaxScore);
        if (total != TotalPoints) errors.Add("tender.criteria", $"priceWeight + the criteria's maxScore must add up to 100 points, not {total}");
    }
}
