using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;
using Auction.Silo.Methods.Caps.Lottery;
using Auction.TestSupport;
using static Auction.Rules.Tests.Caps.CapSale;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.Caps;

/// <summary>
/// Mode C, a lottery among the bidders who accept the cap (摇号, DOMAIN §7.3 C; API.md v2): the cap quote's bidder is in
/// the draw, others join until <c>joinDeadline</c> (not joining is not taking part); the draw is recomputable from public
/// data (commitment at publication, sorted entrants, HMAC-SHA256 with the revealed secret); the winner buys at the cap.
/// </summary>
public sealed class LotteryRulesTests
{
    /// <summary>An auction capped 3 minutes in by bidder-b (002); joinDeadline = the cap quote + 300 s.</summary>
    private static CapSale CappedLottery() => Capped(CapSale.CappedAuction(Lottery()), Start.AddMinutes(3));

    [Fact]
    public void DOMAIN_11_4_12_five_bidders_three_in_the_draw_two_silent_are_left_out_price_is_the_cap()
    {
        var sale = Open(CapSale.CappedAuction(Lottery()));
        foreach (var bidder in new[] { "d", "e" })
            sale.Log.Record(BeforeAuctionDeadline, Engine.Qualify(sale.State, Sale.QualifyCommand($"bidder-{bidder}", $"app-{bidder}", completedAt: BeforeAuctionDeadline)).Event);
        sale.Bid("bidder-b", Cap, Start.AddMinutes(3)); // 002 accepts the cap by reaching it
        Assert.NotNull(sale.Join("bidder-d", Start.AddMinutes(4)).Accepted);
        Assert.NotNull(sale.Join("bidder-a", Start.AddMinutes(5)).Accepted);
        var joinDeadline = sale.State.Deadline!.Value;

        sale.CatchUp(joinDeadline.AddSeconds(30));

        var drawn = sale.State.Cap!.Drawn!;
        Assert.Equal(["001", "002", "004"], drawn.Entrants);
        Assert.Equal(joinDeadline, drawn.DrawnAt);
        Assert.Equal(IndependentLotteryDraw.Winner(Id, ["004", "002", "001"], Convert.ToHexStringLower(Secret)), drawn.WinnerBidderNo);
        var closed = sale.State.Closing!;
        Assert.Equal((CloseOutcome.Sold, drawn.WinnerBidderNo, Cap, DealMethod.CapThenLottery, joinDeadline),
            (closed.Outcome, closed.WinnerBidderNo!, closed.Price!.Value, closed.DealMethod!.Value, closed.ClosedAt));
        Assert.Equal(["lotteryDrawn", "closed"], sale.Log.Entries.TakeLast(2).Select(e => e.Type));
        AssertValid(sale.Verify());
    }

    [Fact]
    public void The_draw_recomputes_from_the_public_answer_with_nothing_but_System_Security_Cryptography()
    {
        var sale = CappedLottery();
        sale.Join("bidder-c", Start.AddMinutes(4));
        sale.Join("bidder-a", Start.AddMinutes(5));
        var before = Engine.Lottery(sale.State).Expect();
        Assert.Equal((LotteryDraw.Algorithm, (IReadOnlyList<string>?)null, (string?)null), (before.Algorithm, before.Entrants, before.Secret));

        sale.CatchUp(Start.AddHours(1));
        var view = Engine.Lottery(sale.State).Expect();

        Assert.True(IndependentLotteryDraw.SecretOpensCommitment(view.Secret!, before.Commitment));
        Assert.Equal(view.WinnerBidderNo, IndependentLotteryDraw.Winner(Id, view.Entrants!, view.Secret!));
        Assert.Equal($"{Id}|001,002,003", view.Message);
        Assert.Equal(view.Entrants![view.WinnerIndex!.Value], view.WinnerBidderNo);
    }

    [Theory]
    [InlineData("L0123456789abcdef", new[] { "001" }, 0)]
    [InlineData("L0123456789abcdef", new[] { "001", "002" }, 0)]
    [InlineData("L0123456789abcdef", new[] { "003", "001", "002" }, 2)]
    [InlineData("Lfedcba9876543210", new[] { "010", "002", "007", "005" }, 3)]
    public void The_draw_is_a_pure_function_of_the_listing_the_sorted_entrants_and_the_secret(string listingId, string[] entrants, int expectedIndex)
    {
        // Fixed vectors (also computed with Python's hmac module): a change of the algorithm (order, separator, byte order,
        // modulus) breaks them.
        var secret = Convert.ToHexStringLower(Secret);
        var sorted = LotteryDraw.Sorted(entrants);
        Assert.Equal(expectedIndex, LotteryDraw.WinnerIndex(listingId, sorted, secret));
        Assert.Equal(IndependentLotteryDraw.Winner(listingId, entrants, secret), sorted[expectedIndex]);
    }

    [Fact]
    public void Pinned_joinDeadline_is_the_cap_quote_plus_confirmSeconds_but_never_before_a_listings_biddingEndsAt()
    {
        Assert.Equal(Start.AddMinutes(3).AddSeconds(300), CappedLottery().State.Deadline);
        Assert.Equal(End, Capped(CappedListing(Lottery(confirmSeconds: 600)), Start.AddHours(1)).State.Deadline);
        var late = Capped(CappedListing(Lottery(confirmSeconds: 600)), End.AddMinutes(-1));
        Assert.Equal(End.AddMinutes(-1).AddSeconds(600), late.State.Deadline);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "joining twice", RejectionCodes.AlreadyJoined },
        { "the cap quote's bidder joining", RejectionCodes.AlreadyJoined },
        { "before the cap", RejectionCodes.CapNotReached },
        { "on area bidding", RejectionCodes.WrongCapMode },
        { "unqualified", RejectionCodes.NotQualified },
        { "at the joining deadline", RejectionCodes.BiddingClosed },
        { "suspended", RejectionCodes.ListingSuspended },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_lottery_entry_is_refused_where_it_does_not_belong(string @case, string code)
    {
        var sale = @case switch
        {
            "before the cap" => Open(CapSale.CappedAuction(Lottery())),
            "on area bidding" => Capped(CapSale.CappedAuction(HousingArea())),
            _ => CappedLottery(),
        };
        var at = Start.AddMinutes(4);
        var bidder = @case switch { "unqualified" => "stranger", "the cap quote's bidder joining" => "bidder-b", _ => "bidder-a" };
        if (@case == "joining twice") Assert.NotNull(sale.Join(bidder, at, "join-1").Accepted);
        if (@case == "at the joining deadline") at = sale.State.Deadline!.Value;
        if (@case == "suspended") sale.Log.Record(at, Engine.Suspend(sale.State, Owner, "power failure").Event);

        Assert.Equal(code, sale.Join(bidder, at, "join-2").Rejection?.Code);
    }

    [Fact]
    public void R_BID_08_an_entry_replays_by_its_request_id_even_after_the_draw()
    {
        var sale = CappedLottery();
        var entry = sale.Join("bidder-a", Start.AddMinutes(4), "join-1");
        sale.CatchUp(Start.AddHours(1));
        Assert.Equal(entry.Accepted is LotteryJoined ? "001" : null, sale.Join("bidder-a", Start.AddHours(2), "join-1").Replay?.BidderNo);
    }

    [Fact]
    public void Nobody_joins_the_cap_quotes_bidder_is_drawn_alone()
    {
        var sale = CappedLottery();
        sale.CatchUp(Start.AddHours(1));
        Assert.Equal(["002"], sale.State.Cap!.Drawn!.Entrants);
        Assert.Equal("002", sale.State.Closing!.WinnerBidderNo);
        AssertValid(sale.Verify());
    }
}
