using System.Text.Json;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Grains.Tests.Infrastructure;

namespace Auction.Grains.Tests.Tenders;

/// <summary>
/// Tenders (招标) through the grains with a fake auction clock: sealed until the opening on every read path and in the
/// store itself (R-TEN-02/03), then each outcome of the opening and of the committee (R-TEN-04/05/06) with a record that
/// verifies both chains, and a tampered box that it reports.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TenderGrainTests(ClusterFixture fixture)
{
    // Amounts that appear nowhere else (no starting price, deposit or increment is near them).
    private static readonly decimal[] Amounts = [1357.91m, 2468.02m, 1593.57m];

    // The sealing test's own amounts: the store is shared, and other tests open theirs.
    private static readonly decimal[] SealedAmounts = [7319.37m, 8426.61m, 9531.83m];

    private static readonly TenderTerms Comprehensive =
        new(TenderEvaluation.Comprehensive, 3, 5, 40m, [new("plan", "Development plan", 30m), new("industry", "Industry and investment", 30m)]);

    private async Task<(ListingDriver Tender, ListingSnapshot Published)> Open(TenderTerms? terms = null, decimal? reserve = null, int bidders = 3)
    {
        var tender = ListingDriver.Create(fixture, "tender");
        var published = await tender.Publish(tender.TenderDefinition(terms, reserve));
        foreach (var bidder in new[] { "alpha", "beta", "gamma", "delta" }.Take(bidders)) await tender.Qualify(bidder);
        tender.AdvanceTo(published.BiddingStartsAt);
        return (tender, published);
    }

    /// <summary>Everything a reader can get from the listing, as JSON: view, events, bids, result, record, verification, checkpoint.</summary>
    private static async Task<string> EveryReadPath(ListingDriver tender) => JsonSerializer.Serialize(new object?[]
    {
        await tender.Snapshot(),
        (await tender.Grain.GetEvents(0, 1000)).Value,
        (await tender.Grain.GetBids(0, 1000)).Value,
        (await tender.Grain.GetResult()).Rejection?.Code,
        (await tender.Grain.GetRecord(withRelatedStreams: true)).Value,
        (await tender.Grain.VerifyRecord()).Value,
        (await tender.Grain.GetCheckpoint()).Value,
    });

    [Fact]
    public async Task R_TEN_02_03_before_the_opening_no_read_path_and_no_stored_byte_tells_anything_about_the_tenders()
    {
        var (tender, published) = await Open();
        var before = await EveryReadPath(tender);
        var storedBefore = await tender.StoredEntries();

        var receipts = new List<TenderReceipt>();
        foreach (var (bidder, amount) in new[] { "alpha", "beta", "gamma" }.Zip(SealedAmounts)) receipts.Add(await tender.Tendered(bidder, amount));

        // The listing: the same view, events, bids, record, verification and checkpoint as before (not even a count).
        Assert.Equal(before, await EveryReadPath(tender));
        Assert.Equal(storedBefore, await tender.StoredEntries());
        var record = (await tender.Grain.GetRecord(withRelatedStreams: true)).Expect();
        Assert.Empty(record.Boxes!);
        Assert.Equal(ListingStatus.Open, record.Status);
        // Each bidder reads its own receipt only; anyone else has none.
        Assert.Equal(receipts[1], (await tender.Grain.GetMyTender("beta")).Expect());
        Assert.Equal(RejectionCodes.TenderNotFound, (await tender.Grain.GetMyTender("delta")).Rejection?.Code);
        // The store: the box holds three sealed items, and nothing stored anywhere holds an amount, a salt or a commitment.
        Assert.Equal(["itemSealed", "itemSealed", "itemSealed"], (await tender.StoredTenderBox()).Select(e => e.Type));
        var stored = string.Join("\n", fixture.Store.AllEntriesForTest().Select(e => $"{e.Type} {e.Data}"));
        foreach (var secret in SealedAmounts.Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)).Concat(receipts.Select(r => r.Salt)).Concat(receipts.Select(r => r.Commitment)))
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);

        // The opening, by the server clock: names and prices become public, with the box's head.
        tender.AdvanceTo(published.BiddingEndsAt!.Value);
        var events = (await tender.Grain.GetEvents(0, 1000)).Expect();
        var opened = events.Single(e => e.Type == "tendersOpened");
        var box = await tender.StoredTenderBox();
        Assert.Equal(("opened", published.BiddingEndsAt!.Value, box[^2].Hash), (box[^1].Type, box[^1].At, opened.BoxHeadHash));
        Assert.Equal(SealedAmounts, opened.Tenders!.Select(t => t.Amount));
        Assert.Equal(receipts.Select(r => r.Commitment), opened.Tenders!.Select(t => t.Commitment));
        Assert.Equal("tenders", Assert.Single((await tender.Grain.GetRecord(withRelatedStreams: true)).Expect().Boxes!).Box);
    }

    [Theory]
    [InlineData("too few", CloseOutcome.Failed, FailureReason.TooFewTenderers, null)]
    [InlineData("highest price", CloseOutcome.Sold, null, "002")]
    [InlineData("below the reserve", CloseOutcome.Failed, FailureReason.BelowReserve, null)]
    public async Task R_TEN_04_06_the_opening_fails_or_awards_by_itself_and_the_record_verifies_both_chains(string @case, CloseOutcome outcome, FailureReason? reason, string? winner)
    {
        var (tender, published) = await Open(reserve: @case == "below the reserve" ? 3000m : null);
        foreach (var (bidder, amount) in new[] { "alpha", "beta", "gamma" }.Zip(Amounts).Take(@case == "too few" ? 2 : 3)) await tender.Tendered(bidder, amount);

        tender.AdvanceTo(published.BiddingEndsAt!.Value.AddMinutes(5));

        var result = await tender.Result();
        Assert.Equal((outcome, reason, winner, published.BiddingEndsAt.Value), (result.Outcome, result.Reason, result.WinnerBidderNo, result.ClosedAt));
        Assert.Equal(winner is null ? null : DealMethod.TenderHighestPrice, result.DealMethod);
        var verdict = (await tender.Grain.VerifyRecord()).Expect();
        Assert.True(verdict.Valid, $"{verdict.Reason} in {verdict.Stream}: {verdict.Detail}");
        var full = (await tender.Grain.GetRecord(withRelatedStreams: true)).Expect();
        Assert.Equal(["itemSealed", .. (@case == "too few" ? Array.Empty<string>() : ["itemSealed"]), "itemSealed", "opened"], Assert.Single(full.Boxes!).Events.Select(e => e.Type));
        var record = JsonSerializer.Serialize(full);
        if (@case == "too few")
        {
            // R-TEN-04 and API.md: only the count is recorded; the tenders stay sealed for everyone, the regulator included.
            Assert.Equal(2, (await tender.Grain.GetEvents(0, 100)).Expect().Single(e => e.Type == "tendersCounted").TenderCount);
            Assert.All(Amounts, a => Assert.DoesNotContain(a.ToString(System.Globalization.CultureInfo.InvariantCulture), record, StringComparison.Ordinal));
        }
        else
        {
            Assert.All(Amounts, a => Assert.Contains(a.ToString(System.Globalization.CultureInfo.InvariantCulture), record, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task R_TEN_05_06_a_comprehensive_tender_is_evaluated_by_its_committee_and_awarded_to_the_best_score()
    {
        var (tender, published) = await Open(Comprehensive);
        foreach (var (bidder, amount) in new[] { "alpha", "beta", "gamma" }.Zip(Amounts)) await tender.Tendered(bidder, amount);
        var early = await tender.Sheet(Sheet("e0"));
        Assert.Equal(RejectionCodes.InvalidTransition, early.Rejection?.Code);

        tender.AdvanceTo(published.BiddingEndsAt!.Value);
        Assert.Equal((ListingStatus.Evaluating, (DateTimeOffset?)null), ((await tender.Snapshot()).Status, (await tender.Snapshot()).Deadline));
        SheetReceipt? last = null;
        foreach (var evaluator in new[] { "e1", "e2", "e3", "e4", "e5" })
        {
            tender.Advance(TimeSpan.FromMinutes(10));
            last = (await tender.Sheet(Sheet(evaluator))).Expect();
        }
        Assert.Equal((5, 5), (last!.SheetsRecorded, last.CommitteeSize));
        Assert.Equal(last with { Replayed = true }, (await tender.Sheet(Sheet("e5"))).Expect());
        Assert.Equal(RejectionCodes.InvalidTransition, (await tender.Sheet(Sheet("e6"))).Rejection?.Code);

        // alpha (001) tendered the least but scores best: price 40 × 1357.91 / 2468.02 = 22.01, plus 2 × 28.
        var result = await tender.Result();
        Assert.Equal((CloseOutcome.Sold, "001", 1357.91m, DealMethod.TenderComprehensive, tender.Now), (result.Outcome, result.WinnerBidderNo, result.Price!.Value, result.DealMethod!.Value, result.ClosedAt));
        var evaluated = (await tender.Grain.GetEvents(0, 100)).Expect().Single(e => e.Type == "evaluated");
        Assert.Equal((22.01m, 56m, 78.01m), (evaluated.Ranking![0].PricePoints, evaluated.Ranking[0].CriteriaPoints, evaluated.Ranking[0].Total));
        var record = (await tender.Grain.GetRecord(withRelatedStreams: true)).Expect();
        Assert.Equal(5, record.Events.Count(e => e.Type == "evaluationSheetRecorded" && e.Data.Contains("\"name\":\"Expert e", StringComparison.Ordinal)));
        Assert.True((await tender.Grain.VerifyRecord()).Expect().Valid);
    }

    [Fact]
    public async Task A_tampered_tender_box_is_reported_by_record_verify()
    {
        var (tender, published) = await Open(TenderTerms.Default with { MinTenderers = 1 });
        await tender.Tendered("alpha", Amounts[0]);
        await tender.Tendered("beta", Amounts[1]);
        tender.AdvanceTo(published.BiddingEndsAt!.Value);
        Assert.Equal(ListingStatus.Sold, (await tender.Snapshot()).Status); // any read catches up: the box opens
        Assert.True((await tender.Grain.VerifyRecord()).Expect().Valid);

        var box = await tender.StoredTenderBox();
        fixture.Store.ReplaceForTest($"box/{tender.Id}/tenders", TestSupport.RecordTampering.Rechain(box.Where(e => e.Seq != 1)));

        var verdict = (await tender.Grain.VerifyRecord()).Expect();
        Assert.Equal((false, VerifyReasons.BoxMismatch, $"box/{tender.Id}/tenders"), (verdict.Valid, verdict.Reason, verdict.Stream));
    }

    private static EvaluationSheet Sheet(string evaluator) =>
        new(new Evaluator(evaluator, $"Expert {evaluator}"),
            [new("001", "plan", 28m), new("001", "industry", 28m), new("002", "plan", 10m), new("002", "industry", 10m), new("003", "plan", 15m), new("003", "industry", 15m)],
            $"sheet-{evaluator}");
}
