using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;
using Auction.Silo.Methods.Caps.OneTimeQuote;
using static Auction.Rules.Tests.Caps.CapSale;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.Caps;

/// <summary>
/// Mode B, the one-time quote closest to the average (一次报价, Suzhou rule, DOMAIN §7.3 B; API.md v2): confirmations until
/// <c>joinDeadline</c> (B3), one sealed whole-yuan quote per confirmed bidder within [min, max] that nobody else quoted
/// (B4, B5) until <c>joinDeadline + quoteSeconds</c>, then the average to the fen half-up and the closest quote wins at
/// its own amount, the lower of two equally close (B6); nobody quoting → the cap quote's bidder at the cap (B7).
/// </summary>
public sealed class OneTimeQuoteRulesTests
{
    public static TheoryData<string, decimal[], string, decimal> WorkedExamples => new()
    {
        // DOMAIN §7.3 B worked examples, in 万元 as written there.
        { "13,000 / 14,000 / 14,500", [13_000m, 14_000m, 14_500m], "13833.33", 14_000m },
        { "13,000 / 15,000: equally close, the one below wins", [13_000m, 15_000m], "14000", 13_000m },
        { "the order of submission does not matter", [14_500m, 13_000m, 14_000m], "13833.33", 14_000m },
        { "one quote is its own average", [12_600m], "12600", 12_600m },
        { "half-up to the fen: 37 / 8 = 4.625 → 4.63", [1m, 2m, 3m, 4m, 5m, 6m, 7m, 9m], "4.63", 5m },
        { "a quote at the average wins", [100m, 200m, 300m], "200", 200m },
    };

    [Theory]
    [MemberData(nameof(WorkedExamples))]
    public void B6_the_quote_closest_to_the_average_to_the_fen_half_up_wins_at_its_own_amount_the_lower_on_a_tie(string @case, decimal[] amounts, string average, decimal winner)
    {
        var quotes = amounts.Select((a, i) => new OpenedQuote($"{i + 1:000}", a, Start.AddSeconds(i))).ToArray();
        var (actualAverage, actualWinner) = ClosestToAverage.Decide(quotes);
        Assert.True(Dec(average) == actualAverage, $"{@case}: average {actualAverage}");
        Assert.True(winner == actualWinner!.Amount, $"{@case}: winner {actualWinner.Amount}");
    }

    /// <summary>An auction capped 3 minutes in by bidder-b (002): joinDeadline 300 s later, quoting 240 s after that.</summary>
    private static CapSale CappedOneTime(decimal max = 18_000_000m) => Capped(CapSale.CappedAuction(OneTime(max: max)), Start.AddMinutes(3));

    private static readonly DateTimeOffset JoinDeadline = Start.AddMinutes(3).AddSeconds(300);
    private static readonly DateTimeOffset QuoteDeadline = JoinDeadline.AddSeconds(240);

    [Fact]
    public void DOMAIN_7_3_B_the_worked_example_in_yuan_end_to_end_confirm_quote_seal_open_close()
    {
        var sale = CappedOneTime(max: 150_000_000m); // DOMAIN's range 12,500–15,000 万元 ends at 150,000,000 yuan
        foreach (var bidder in new[] { "bidder-a", "bidder-b", "bidder-c" }) Assert.NotNull(sale.Confirm(bidder, Start.AddMinutes(4)).Accepted);

        sale.CatchUp(JoinDeadline);
        var quoting = sale.State.Cap!.Quoting!;
        Assert.Equal((JoinDeadline, QuoteDeadline), (quoting.OpenedAt, quoting.Deadline));
        Assert.True(sale.Quote("bidder-a", 130_000_000m, JoinDeadline.AddSeconds(10)).IsSuccess);
        Assert.True(sale.Quote("bidder-b", 140_000_000m, JoinDeadline.AddSeconds(20)).IsSuccess);
        Assert.True(sale.Quote("bidder-c", 145_000_000m, JoinDeadline.AddSeconds(30)).IsSuccess);
        Assert.Null(Engine.OpeningDue(sale.State, QuoteDeadline.AddMilliseconds(-1)));

        sale.CatchUp(QuoteDeadline.AddMinutes(2)); // a late timer opens the box at the deadline all the same

        var opened = sale.State.Cap!.QuotesOpened!;
        Assert.Equal((138_333_333.33m, "002", QuoteDeadline), (opened.Average!.Value, opened.WinnerBidderNo, opened.OpenedAt));
        Assert.Equal([("001", 130_000_000m), ("002", 140_000_000m), ("003", 145_000_000m)], opened.Quotes.Select(q => (q.BidderNo, q.Amount)));
        Assert.Equal(sale.Box.Entries[^2].Hash, opened.BoxHeadHash);
        var closed = sale.State.Closing!;
        Assert.Equal(("002", 140_000_000m, DealMethod.CapThenOneTimeQuote, QuoteDeadline), (closed.WinnerBidderNo!, closed.Price!.Value, closed.DealMethod!.Value, closed.ClosedAt));
        AssertValid(sale.Verify());
    }

    [Fact]
    public void B7_nobody_quotes_the_cap_quotes_bidder_wins_at_the_cap_even_without_confirming()
    {
        var sale = CappedOneTime();
        sale.Confirm("bidder-a", Start.AddMinutes(4));
        sale.CatchUp(QuoteDeadline);

        var opened = sale.State.Cap!.QuotesOpened!;
        Assert.Equal((0, (decimal?)null, "002"), (opened.Quotes.Count, opened.Average, opened.WinnerBidderNo));
        Assert.Equal(("002", Cap, DealMethod.CapThenOneTimeQuote), (sale.State.Closing!.WinnerBidderNo!, sale.State.Closing.Price!.Value, sale.State.Closing.DealMethod!.Value));
        AssertValid(sale.Verify());
    }

    [Fact]
    public void B5_the_system_refuses_a_value_another_bidder_quoted_and_a_second_quote()
    {
        var sale = CappedOneTime();
        sale.Confirm("bidder-a", Start.AddMinutes(4));
        sale.Confirm("bidder-c", Start.AddMinutes(4));
        sale.CatchUp(JoinDeadline);
        Assert.True(sale.Quote("bidder-a", 16_000_000m, JoinDeadline.AddSeconds(1), "q-a").IsSuccess);

        Assert.Equal(RejectionCodes.QuoteTaken, sale.Quote("bidder-c", 16_000_000m, JoinDeadline.AddSeconds(2), "q-c").Rejection?.Code);
        Assert.True(sale.Quote("bidder-c", 16_000_001m, JoinDeadline.AddSeconds(3), "q-c2").IsSuccess); // the later bidder changes his figure
        Assert.Equal(RejectionCodes.QuoteAlreadySubmitted, sale.Quote("bidder-a", 16_500_000m, JoinDeadline.AddSeconds(4), "q-a2").Rejection?.Code);
        var replay = sale.Quote("bidder-a", 16_000_000m, JoinDeadline.AddSeconds(5), "q-a").Expect();
        Assert.True(replay.Replayed);
        Assert.Equal(RejectionCodes.IdempotencyMismatch, sale.Quote("bidder-a", 16_000_002m, JoinDeadline.AddSeconds(6), "q-a").Rejection?.Code);
        Assert.Equal(2, sale.Box.Entries.Count(e => e.Type == "itemSealed"));
    }

    public static TheoryData<string, string> QuoteRefusals => new()
    {
        { "before joinDeadline", RejectionCodes.QuotingNotOpen },
        { "not confirmed", RejectionCodes.NotConfirmed },
        { "below min", RejectionCodes.ValidationFailed },
        { "above max", RejectionCodes.ValidationFailed },
        { "in fen", RejectionCodes.ValidationFailed },
        { "unqualified", RejectionCodes.NotQualified },
        { "at the quoting deadline", RejectionCodes.BiddingClosed },
        { "before the cap", RejectionCodes.CapNotReached },
        { "on a lottery", RejectionCodes.WrongCapMode },
        { "suspended", RejectionCodes.ListingSuspended },
    };

    [Theory]
    [MemberData(nameof(QuoteRefusals))]
    public void A_quote_is_refused_with_its_code_and_nothing_is_sealed(string @case, string code)
    {
        var sale = @case switch
        {
            "before the cap" => Open(CapSale.CappedAuction(OneTime())),
            "on a lottery" => Capped(CapSale.CappedAuction(Lottery())),
            _ => CappedOneTime(),
        };
        if (sale.State.IsCapped && sale.State.Cap!.Mode == CapMode.OneTimeQuote) sale.Confirm("bidder-a", Start.AddMinutes(4));
        var at = @case switch { "before joinDeadline" or "before the cap" or "on a lottery" => Start.AddMinutes(5), "at the quoting deadline" => QuoteDeadline, _ => JoinDeadline.AddSeconds(5) };
        var bidder = @case switch { "not confirmed" => "bidder-c", "unqualified" => "stranger", _ => "bidder-a" };
        var amount = @case switch { "below min" => Cap - 1, "above max" => 18_000_001m, "in fen" => 16_000_000.50m, _ => 16_000_000m };
        if (@case == "suspended")
        {
            sale.CatchUp(at);
            sale.Log.Record(at, Engine.Suspend(sale.State, Owner, "power failure").Event);
        }

        Assert.Equal(code, sale.Quote(bidder, amount, at).Rejection?.Code);
        Assert.DoesNotContain(sale.Box.Entries, e => e.Type == "itemSealed");
    }

    public static TheoryData<string, string> ConfirmRefusals => new()
    {
        { "confirming twice", RejectionCodes.AlreadyJoined },
        { "after joinDeadline", RejectionCodes.BiddingClosed },
        { "before the cap", RejectionCodes.CapNotReached },
        { "unqualified", RejectionCodes.NotQualified },
        { "on area bidding", RejectionCodes.WrongCapMode },
    };

    [Theory]
    [MemberData(nameof(ConfirmRefusals))]
    public void B3_a_confirmation_is_refused_where_it_does_not_belong(string @case, string code)
    {
        var sale = @case switch
        {
            "before the cap" => Open(CapSale.CappedAuction(OneTime())),
            "on area bidding" => Capped(CapSale.CappedAuction(HousingArea())),
            _ => CappedOneTime(),
        };
        var at = @case == "after joinDeadline" ? JoinDeadline.AddSeconds(1) : Start.AddMinutes(4);
        if (@case == "confirming twice") Assert.NotNull(sale.Confirm("bidder-a", at, "c-1").Accepted);
        Assert.Equal(code, sale.Confirm(@case == "unqualified" ? "stranger" : "bidder-a", at, "c-2").Rejection?.Code);
    }

    [Fact]
    public void The_view_shows_the_joining_and_quoting_deadlines_and_no_count_of_confirmations()
    {
        var sale = CappedOneTime();
        sale.Confirm("bidder-a", Start.AddMinutes(4));
        var stage = ListingProjections.Snapshot(Id, sale.State, Start.AddMinutes(4), null).CapStage!;
        Assert.Equal((JoinDeadline, QuoteDeadline, "002"), (stage.JoinDeadline!.Value, stage.QuoteDeadline!.Value, stage.CapQuoteBidderNo));
        Assert.DoesNotContain("confirm", System.Text.Json.JsonSerializer.Serialize(stage), StringComparison.OrdinalIgnoreCase);
    }
}
