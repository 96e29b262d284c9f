using Auction.Contracts.Common;
using Auction.Contracts.Listings;

namespace Auction.Silo.Rules;

/// <summary>
/// What a cap mode checks and resolves at publication (its block and timings); implemented by each mode's cap stage, as
/// <see cref="IMethodPublication"/> is by each method. <see cref="PriceCapRules"/> runs the checks every mode shares.
/// </summary>
public interface ICapModePublication
{
    /// <summary>Checks the values of the mode's own fields into <paramref name="errors"/> (fields of other modes are refused for it).</summary>
    void Validate(PriceCapTerms cap, FieldErrors errors);

    /// <summary>The cap as published: the mode's defaults filled in.</summary>
    PriceCapTerms Complete(PriceCapTerms cap);
}

/// <summary>
/// The price cap's publication rules (DOMAIN §7.4, API.md v2 "Price caps"), one place for every method that takes a cap:
/// a money amount above the starting price, never below the industrial floor, never below the reserve (a sale at the cap
/// would fail), the fields of the published mode only; then the mode checks its own block.
/// </summary>
public static class PriceCapRules
{
    public const int MinSeconds = 10;
    public const int MaxWindowSeconds = 86_400;
    public const int MaxCountdownSeconds = 3600;

    /// <summary>The optional fields of the block and the modes they belong to.</summary>
    private static readonly (string Field, Func<PriceCapTerms, object?> Value, CapMode[] Modes)[] ModeFields =
    [
        ("priceCap.confirmSeconds", c => c.ConfirmSeconds, [CapMode.Lottery, CapMode.OneTimeQuote]),
        ("priceCap.quoteSeconds", c => c.QuoteSeconds, [CapMode.OneTimeQuote]),
        ("priceCap.countdownSeconds", c => c.CountdownSeconds, [CapMode.HousingArea]),
        ("priceCap.housingArea", c => c.HousingArea, [CapMode.HousingArea]),
        ("priceCap.oneTimeQuote", c => c.OneTimeQuote, [CapMode.OneTimeQuote]),
    ];

    /// <summary>Field checks of <c>priceCap</c> into <paramref name="errors"/>; <paramref name="mode"/> is null for a mode this build does not run.</summary>
    public static void Validate(PublishListing command, IMethodPublication method, ICapModePublication? mode, FieldErrors errors)
    {
        if (command.PriceCap is not { } cap) return;
        if (!method.TakesPriceCap)
        {
            errors.Add("priceCap", "applies only to listings and auctions (method 'listing' or 'auction')");
            return;
        }
        errors.RequireMoney("priceCap.amount", cap.Amount);
        if (cap.Amount <= command.StartingPrice) errors.Add("priceCap.amount", $"must be above the starting price {command.StartingPrice}");
        if (cap.LotteryCommitment is not null) errors.Add("priceCap.lotteryCommitment", "is not given: the server commits to its lottery secret at publication");
        if (mode is null)
        {
            errors.Add("priceCap.mode", "must be one of: lottery, housingArea, oneTimeQuote");
            return;
        }
        foreach (var (field, value, modes) in ModeFields)
            if (value(cap) is not null && !modes.Contains(cap.Mode)) errors.Add(field, $"does not apply to mode {Camel(cap.Mode)}");
        mode.Validate(cap, errors);
    }

    /// <summary>R-IND-03/09: the cap is never below the industrial floor; and a reserve above the cap could never be met.</summary>
    public static Rejection? CheckAgainst(decimal cap, decimal? reserve, FloorComputation? floor)
    {
        if (floor is not null && cap < floor.Total) return IndustrialFloor.Violation(floor, "The price cap", cap);
        return reserve > cap ? ReserveAboveCap(cap) : null;
    }

    public static Rejection ReserveAboveCap(decimal cap) =>
        Rejection.Validation("reservePrice", $"must not exceed the price cap {cap}: a sale at the cap could never meet it");

    /// <summary>A duration of a cap stage: null (the mode's default) or <paramref name="min"/>..<paramref name="max"/> seconds.</summary>
    public static void RequireSeconds(FieldErrors errors, string field, int? seconds, int max)
    {
        if (seconds is { } s && (s < MinSeconds || s > max)) errors.Add(field, $"must be {MinSeconds}..{max}");
    }

    public static string Camel(CapMode mode) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(mode.ToString());
}
