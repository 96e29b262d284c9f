using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Grains.Tests.Infrastructure;

namespace Auction.Grains.Tests.Caps;

/// <summary>
/// The one-time quote after the cap (一次报价, DOMAIN §7.3 B) through the grain with a fake clock: confirmations until
/// the joining deadline, quotes sealed in the sale's box (unreadable in the store, absent from events, views and the
/// regulator's record until the quoting deadline), the opening at the deadline, the closest to the average winning at its
/// own amount, and the record covering the box stream.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OneTimeQuoteGrainTests(ClusterFixture fixture)
{
    private async Task<(ListingDriver Sale, ListingSnapshot Published, BidReceipt CapQuote)> Capped(GrantMethod method)
    {
        var sale = ListingDriver.Create(fixture, method == GrantMethod.Listing ? "once-l" : "once-a");
        var definition = method == GrantMethod.Listing ? sale.Definition() : sale.AuctionDefinition(countdownSeconds: 600);
        var published = await sale.Publish(definition with { PriceCap = ListingDriver.Cap(CapMode.OneTimeQuote) });
        foreach (var bidder in new[] { "alpha", "beta", "gamma", "delta" }) await sale.Qualify(bidder);
        sale.AdvanceTo(published.BiddingStartsAt.AddMinutes(1));
        return (sale, published, await sale.Accepted("beta", 1100m));
    }

    [Fact]
    public async Task Confirmed_bidders_quote_once_sealed_and_the_closest_to_the_average_wins_at_its_own_amount()
    {
        var (sale, published, capQuote) = await Capped(GrantMethod.Auction);
        var joinDeadline = capQuote.AcceptedAt.AddSeconds(300);
        var quoteDeadline = joinDeadline.AddSeconds(240);
        Assert.Equal((1100m, 1600m), (published.PriceCap!.OneTimeQuote!.Min, published.PriceCap.OneTimeQuote.Max));
        Assert.Equal(RejectionCodes.QuotingNotOpen, (await sale.Quote("alpha", 1200m)).Rejection?.Code);
        foreach (var bidder in new[] { "alpha", "beta", "gamma" }) Assert.Equal(joinDeadline, (await sale.Confirm(bidder)).Expect().JoinDeadline);
        Assert.Equal(RejectionCodes.AlreadyJoined, (await sale.Confirm("alpha", "again")).Rejection?.Code);

        sale.AdvanceTo(joinDeadline);
        Assert.Equal(RejectionCodes.BiddingClosed, (await sale.Confirm("delta")).Rejection?.Code);
        Assert.Equal((joinDeadline, quoteDeadline), ((await sale.Snapshot()).CapStage!.JoinDeadline!.Value, (await sale.Snapshot()).CapStage!.QuoteDeadline!.Value));
        Assert.Equal(RejectionCodes.NotConfirmed, (await sale.Quote("delta", 1200m)).Rejection?.Code);
        var alpha = (await sale.Quote("alpha", 1200m, "q-a")).Expect();
        Assert.Equal(("001", 1200m, 1L, $"box/{sale.Id}/one-time-quotes"), (alpha.BidderNo, alpha.Amount, alpha.Seq, alpha.Stream));
        Assert.Equal(RejectionCodes.QuoteTaken, (await sale.Quote("gamma", 1200m)).Rejection?.Code);
        (await sale.Quote("gamma", 1250m)).Expect();
        Assert.Equal(RejectionCodes.QuoteAlreadySubmitted, (await sale.Quote("alpha", 1300m)).Rejection?.Code);
        Assert.True((await sale.Quote("alpha", 1200m, "q-a")).Expect().Replayed);
        Assert.Equal(RejectionCodes.ValidationFailed, (await sale.Quote("beta", 1601m)).Rejection?.Code);
        Assert.Equal(RejectionCodes.ValidationFailed, (await sale.Quote("beta", 1300.5m)).Rejection?.Code);
        Assert.Equal(alpha, (await sale.CapStage.GetMyQuote("alpha")).Expect());
        Assert.Equal(RejectionCodes.QuoteNotFound, (await sale.CapStage.GetMyQuote("beta")).Rejection?.Code);

        // Sealed until the deadline: from the public, the regulator, and anyone reading the store.
        var record = (await sale.Grain.GetRecord(withRelatedStreams: true)).Expect();
        Assert.Empty(record.Boxes!);
        Assert.DoesNotContain(record.Events, e => e.Data.Contains("1250", StringComparison.Ordinal));
        Assert.DoesNotContain(await sale.Events(), e => e.Quotes is not null);
        var box = await fixture.Store.ReadAsync(alpha.Stream, 0);
        Assert.Equal(2, box.Count);
        Assert.All(box, e => Assert.DoesNotContain("amount", e.Data, StringComparison.Ordinal));

        sale.AdvanceTo(quoteDeadline);
        var result = await sale.Result();

        // Average (1,200 + 1,250) / 2 = 1,225: both 25 away, the one below the average wins (B6).
        var opened = (await sale.Events()).Single(e => e.Type == "oneTimeQuotesOpened");
        Assert.Equal((1225m, "001"), (opened.Average!.Value, opened.WinnerBidderNo!));
        Assert.Equal([("001", 1200m), ("003", 1250m)], opened.Quotes!.Select(q => (q.BidderNo, q.Amount)));
        Assert.Equal((CloseOutcome.Sold, "001", 1200m, DealMethod.CapThenOneTimeQuote, quoteDeadline),
            (result.Outcome, result.WinnerBidderNo!, result.Price!.Value, result.DealMethod!.Value, result.ClosedAt));
        var boxRecord = Assert.Single((await sale.Grain.GetRecord(withRelatedStreams: true)).Expect().Boxes!);
        Assert.Equal("one-time-quotes", boxRecord.Box);
        Assert.Equal(["itemSealed", "itemSealed", "opened"], boxRecord.Events.Select(e => e.Type));
        Assert.Equal(boxRecord.Events[1].Hash, opened.BoxHeadHash);
        Assert.True((await sale.Grain.VerifyRecord()).Expect().Valid);
    }

    [Fact]
    public async Task B7_in_a_listing_nobody_quotes_the_cap_quotes_bidder_wins_at_the_cap_after_the_listing_deadline()
    {
        var (sale, published, _) = await Capped(GrantMethod.Listing);
        (await sale.Confirm("alpha")).Expect();
        var joinDeadline = published.BiddingEndsAt!.Value; // never before the listing deadline
        Assert.Equal(joinDeadline, (await sale.Snapshot()).CapStage!.JoinDeadline);

        sale.AdvanceTo(joinDeadline.AddSeconds(240));
        var result = await sale.Result();

        Assert.Equal(("002", 1100m, DealMethod.CapThenOneTimeQuote), (result.WinnerBidderNo!, result.Price!.Value, result.DealMethod!.Value));
        Assert.True((await sale.Grain.VerifyRecord()).Expect().Valid);
    }
}
