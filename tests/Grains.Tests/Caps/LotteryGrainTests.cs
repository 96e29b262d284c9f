using System.Text.Json;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Grains.Tests.Infrastructure;
using Auction.TestSupport;

namespace Auction.Grains.Tests.Caps;

/// <summary>
/// The lottery after the cap (摇号, DOMAIN §7.3 C) through the grain with a fake clock, on an online auction and a
/// listing: joining until the joining deadline, the draw at it, recomputable from the public answer alone, and the
/// secret kept out of the stored journal, the events, the view and the record until the draw.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LotteryGrainTests(ClusterFixture fixture)
{
    private async Task<(ListingDriver Sale, ListingSnapshot Published, BidReceipt CapQuote)> Capped(GrantMethod method)
    {
        var sale = ListingDriver.Create(fixture, method == GrantMethod.Listing ? "lot-l" : "lot-a");
        var definition = method == GrantMethod.Listing ? sale.Definition() : sale.AuctionDefinition(countdownSeconds: 600);
        var published = await sale.Publish(definition with { PriceCap = ListingDriver.Cap(CapMode.Lottery) });
        foreach (var bidder in new[] { "alpha", "beta", "gamma", "delta" }) await sale.Qualify(bidder);
        sale.AdvanceTo(published.BiddingStartsAt.AddMinutes(1));
        await sale.Accepted("alpha", 1000m);
        return (sale, published, await sale.Accepted("beta", 1100m));
    }

    [Theory]
    [InlineData(GrantMethod.Auction)]
    [InlineData(GrantMethod.Listing)]
    public async Task Entrants_join_until_the_joining_deadline_and_the_draw_recomputes_from_public_data(GrantMethod method)
    {
        var (sale, published, capQuote) = await Capped(method);
        var commitment = published.PriceCap!.LotteryCommitment!;
        Assert.Matches("^[0-9a-f]{64}$", commitment);
        Assert.Equal(commitment, (await sale.Events()).Single(e => e.Type == "published").LotteryCommitment);
        var joinDeadline = method == GrantMethod.Listing ? published.BiddingEndsAt!.Value : capQuote.AcceptedAt.AddSeconds(300);
        Assert.Equal(joinDeadline, (await sale.Snapshot()).CapStage!.JoinDeadline);

        var entry = (await sale.JoinLottery("gamma", "join-g")).Expect();
        Assert.Equal(("003", joinDeadline), (entry.BidderNo, entry.JoinDeadline));
        Assert.True((await sale.JoinLottery("gamma", "join-g")).Expect().Replayed);
        Assert.Equal(RejectionCodes.AlreadyJoined, (await sale.JoinLottery("gamma", "join-g2")).Rejection?.Code);
        Assert.Equal(RejectionCodes.AlreadyJoined, (await sale.JoinLottery("beta")).Rejection?.Code); // the cap quote's bidder is in already
        Assert.Equal(RejectionCodes.NotQualified, (await sale.JoinLottery("stranger")).Rejection?.Code);
        Assert.Equal(RejectionCodes.WrongCapMode, (await sale.AreaBid("alpha", 1000m)).Rejection?.Code);
        var before = await Exposed(sale);
        var lotteryBefore = (await sale.CapStage.GetLottery()).Expect();
        Assert.Null(lotteryBefore.Secret);

        sale.AdvanceTo(joinDeadline);
        Assert.Equal(RejectionCodes.BiddingClosed, (await sale.JoinLottery("alpha")).Rejection?.Code); // delta stayed silent: not in the draw
        var lottery = (await sale.CapStage.GetLottery()).Expect();
        var result = await sale.Result();

        Assert.Equal(["002", "003"], lottery.Entrants);
        Assert.True(IndependentLotteryDraw.SecretOpensCommitment(lottery.Secret!, commitment));
        Assert.Equal(IndependentLotteryDraw.Winner(sale.Id, lottery.Entrants!, lottery.Secret!), lottery.WinnerBidderNo);
        Assert.Equal((CloseOutcome.Sold, lottery.WinnerBidderNo, 1100m, DealMethod.CapThenLottery, joinDeadline),
            (result.Outcome, result.WinnerBidderNo, result.Price!.Value, result.DealMethod!.Value, result.ClosedAt));
        var drawn = (await sale.Events()).Single(e => e.Type == "lotteryDrawn");
        Assert.Equal((lottery.Secret, lottery.WinnerBidderNo), (drawn.Secret, drawn.WinnerBidderNo));
        // Nothing that left the grain or reached the store before the draw held the secret (hex or base64).
        foreach (var needle in new[] { lottery.Secret!, Convert.ToBase64String(Convert.FromHexString(lottery.Secret!)) })
            Assert.DoesNotContain(needle, before, StringComparison.Ordinal);
        Assert.True((await sale.Grain.VerifyRecord()).Expect().Valid);
    }

    [Fact]
    public async Task Nobody_joins_the_cap_quotes_bidder_wins_the_draw_alone()
    {
        var (sale, _, capQuote) = await Capped(GrantMethod.Auction);
        sale.AdvanceTo(capQuote.AcceptedAt.AddSeconds(300));
        Assert.Equal(("002", DealMethod.CapThenLottery), ((await sale.Result()).WinnerBidderNo!, (await sale.Result()).DealMethod!.Value));
        Assert.Equal(["002"], (await sale.CapStage.GetLottery()).Expect().Entrants);
    }

    /// <summary>Everything readable about the sale: public events, view, lottery, the regulator's record, the stored journal.</summary>
    private static async Task<string> Exposed(ListingDriver sale) => JsonSerializer.Serialize(new object[]
    {
        await sale.Events(),
        await sale.Snapshot(),
        (await sale.CapStage.GetLottery()).Expect(),
        (await sale.Grain.GetRecord(withRelatedStreams: true)).Expect(),
        await sale.StoredEntries(),
    });
}
