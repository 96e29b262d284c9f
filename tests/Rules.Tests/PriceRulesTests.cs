using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Rules;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests;

/// <summary>R-BID-02/03 (first bid, later bids, both increment rules), R-CONV-4 (decimal money, fen precision).</summary>
public sealed class PriceRulesTests
{
    [Theory]
    [InlineData(IncrementRule.AtLeastOneStep, "999.99")]
    [InlineData(IncrementRule.AtLeastOneStep, "1")]
    [InlineData(IncrementRule.IntegerMultiple, "999.99")]
    [InlineData(IncrementRule.IntegerMultiple, "990")]
    public void R_BID_02_first_bid_below_starting_price_is_too_low_with_min_next_bid_the_start(IncrementRule rule, string amount)
    {
        var rejection = PriceRules.Check(Dec(amount), current: null, startingPrice: 1000m, increment: 10m, rule);

        Assert.NotNull(rejection);
        Assert.Equal(RejectionCodes.BidTooLow, rejection.Code);
        Assert.Equal(1000m, rejection.MinNextBid);
    }

    [Theory]
    [InlineData(IncrementRule.AtLeastOneStep, "1000")]
    [InlineData(IncrementRule.AtLeastOneStep, "1000.01")]
    [InlineData(IncrementRule.AtLeastOneStep, "1005")]
    [InlineData(IncrementRule.IntegerMultiple, "1000")]
    public void R_BID_02_first_bid_at_or_above_starting_price_is_accepted(IncrementRule rule, string amount) =>
        Assert.Null(PriceRules.Check(Dec(amount), current: null, startingPrice: 1000m, increment: 10m, rule));

    [Theory]
    [InlineData(null, "1000")]
    [InlineData("1000", "1010")]
    [InlineData("1000.1", "1000.3")]
    public void R_BID_02_R_BID_03_min_next_bid_is_start_first_then_current_plus_increment(string? current, string expected)
    {
        var increment = current == "1000.1" ? 0.2m : 10m;
        Assert.Equal(Dec(expected), PriceRules.MinNextBid(current is null ? null : Dec(current), 1000m, increment));
    }

    // DOMAIN §11.4 scenario 2 (AtLeastOneStep): current 1,000, step 10.
    [Theory]
    [InlineData("1010", null)]
    [InlineData("1015", null)]
    [InlineData("1010.01", null)]
    [InlineData("5000", null)]
    [InlineData("1009.9", RejectionCodes.BidTooLow)]
    [InlineData("1009.99", RejectionCodes.BidTooLow)]
    [InlineData("1000", RejectionCodes.BidTooLow)]
    [InlineData("999", RejectionCodes.BidTooLow)]
    public void R_BID_03_at_least_one_step_accepts_any_amount_from_current_plus_increment(string amount, string? expectedCode)
    {
        var rejection = PriceRules.Check(Dec(amount), current: 1000m, startingPrice: 900m, increment: 10m, IncrementRule.AtLeastOneStep);

        Assert.Equal(expectedCode, rejection?.Code);
        if (rejection is not null) Assert.Equal(1010m, rejection.MinNextBid);
    }

    // DOMAIN §11.4 scenario 2 (IntegerMultiple): current 1,000, step 10.
    [Theory]
    [InlineData("1015", RejectionCodes.BidNotStepMultiple)]
    [InlineData("1010.5", RejectionCodes.BidNotStepMultiple)]
    [InlineData("1025", RejectionCodes.BidNotStepMultiple)]
    [InlineData("1009.9", RejectionCodes.BidTooLow)]
    [InlineData("1000", RejectionCodes.BidTooLow)]
    [InlineData("1010", null)]
    [InlineData("1020", null)]
    [InlineData("1030", null)]
    [InlineData("2000", null)]
    public void R_BID_03_integer_multiple_requires_current_plus_whole_increments(string amount, string? expectedCode)
    {
        var rejection = PriceRules.Check(Dec(amount), current: 1000m, startingPrice: 900m, increment: 10m, IncrementRule.IntegerMultiple);

        Assert.Equal(expectedCode, rejection?.Code);
        if (rejection is not null) Assert.Equal(1010m, rejection.MinNextBid);
    }

    // R-BID-03 IntegerMultiple, first quote = start + k × increment, k ≥ 0.
    [Theory]
    [InlineData("1000", null)]
    [InlineData("1005", RejectionCodes.BidNotStepMultiple)]
    [InlineData("1010", null)]
    [InlineData("1020", null)]
    [InlineData("1000.01", RejectionCodes.BidNotStepMultiple)]
    [InlineData("995", RejectionCodes.BidTooLow)]
    public void R_BID_03_integer_multiple_first_bid_is_start_plus_whole_increments(string amount, string? expectedCode)
    {
        var rejection = PriceRules.Check(Dec(amount), current: null, startingPrice: 1000m, increment: 10m, IncrementRule.IntegerMultiple);

        Assert.Equal(expectedCode, rejection?.Code);
        if (rejection is not null) Assert.Equal(1000m, rejection.MinNextBid);
    }

    // R-CONV-4: decimal, no epsilon: 1000.1 + 0.2 is exactly 1000.3.
    [Theory]
    [InlineData(IncrementRule.AtLeastOneStep, "1000.3", null)]
    [InlineData(IncrementRule.IntegerMultiple, "1000.3", null)]
    [InlineData(IncrementRule.IntegerMultiple, "1000.5", null)]
    [InlineData(IncrementRule.IntegerMultiple, "1000.4", RejectionCodes.BidNotStepMultiple)]
    [InlineData(IncrementRule.AtLeastOneStep, "1000.29", RejectionCodes.BidTooLow)]
    [InlineData(IncrementRule.IntegerMultiple, "1000.29", RejectionCodes.BidTooLow)]
    public void R_BID_03_R_CONV_4_decimal_steps_are_exact(IncrementRule rule, string amount, string? expectedCode)
    {
        var rejection = PriceRules.Check(Dec(amount), current: 1000.1m, startingPrice: 900m, increment: 0.2m, rule);

        Assert.Equal(expectedCode, rejection?.Code);
        if (rejection is not null) Assert.Equal(1000.3m, rejection.MinNextBid);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-0.01")]
    [InlineData("0.001")]
    [InlineData("1.005")]
    [InlineData("1000000000001")]
    [InlineData("1000000000000.01")]
    public void R_CONV_4_money_amount_with_a_problem(string amount) =>
        Assert.NotNull(MoneyRules.Problem(Dec(amount)));

    [Theory]
    [InlineData("0.01")]
    [InlineData("1")]
    [InlineData("1.5")]
    [InlineData("1.50")]
    [InlineData("14500000")]
    [InlineData("1000000000000")]
    public void R_CONV_4_usable_money_amount(string amount) =>
        Assert.Null(MoneyRules.Problem(Dec(amount)));

    [Theory]
    [InlineData("2.016", "2.02")]
    [InlineData("2.011", "2.02")]
    [InlineData("2.01", "2.01")]
    [InlineData("2.0100", "2.01")]
    [InlineData("0.001", "0.01")]
    [InlineData("14400000", "14400000")]
    public void R_IND_09_ceiling_to_fen_never_rounds_a_floor_down(string amount, string expected) =>
        Assert.Equal(Dec(expected), MoneyRules.CeilingToFen(Dec(amount)));
}
