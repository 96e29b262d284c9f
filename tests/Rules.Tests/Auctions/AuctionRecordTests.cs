using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Records;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using Auction.TestSupport;

namespace Auction.Rules.Tests.Auctions;

/// <summary>
/// The record verifier on auctions (issue 10 with issue 8's anchored records): what the auction decider wrote verifies,
/// online and on site; an auction's own invariants (the countdown each bid restarts, the channel of its bids, too few
/// bidders only when they were) are re-checked even when an attacker rehashed the chain and signed its head.
/// </summary>
public sealed class AuctionRecordTests
{
    private const string ListingId = "L-auction";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly CheckpointSigner Signer = CheckpointSigner.Generated();
    private static readonly ListingEngine Engine = TestListings.RelaxedEngine;
    private static readonly CentreActor Centre = new("auctioneer-1", "centre");

    /// <summary>Published, two bidders qualified, started; online: three bids and the countdown runs out; on site: three floor bids and the hammer.</summary>
    private static IReadOnlyList<JournalEntry> SoldAuction(AuctionMode mode, int qualified = 2)
    {
        var journal = new RecordLog(Engine);
        var command = new PublishListing("pub", "centre", "officer", new Parcel("P-1", "somewhere", "320585", LandUse.Commercial, 100m, 40, null, null, null),
            GrantMethod.Auction, T0, T0.AddHours(1), null, T0.AddMinutes(30), T0.AddMinutes(30), 1000m, 10m, IncrementRule.AtLeastOneStep, 100m, null, TimedBiddingTerms.None,
            new AuctionTerms(mode, 60, 2));
        journal.Record(T0, Engine.Publish(journal.State, ListingId, command, T0).Events);
        foreach (var bidder in new[] { "alpha", "beta" }.Take(qualified))
            journal.Record(T0.AddMinutes(5), Engine.Qualify(journal.State, new QualifyBidder($"app-{bidder}", bidder, bidder, "1234567890123", 100m, T0.AddMinutes(5))).Event);
        var at = T0.AddHours(1);
        journal.CatchUp(at);
        if (qualified < 2) return journal.Entries;
        foreach (var (bidder, number, amount) in new[] { ("alpha", "001", 1000m), ("beta", "002", 1010m), ("alpha", "001", 1100m) })
        {
            at = at.AddSeconds(20);
            journal.Record(at, mode == AuctionMode.Online
                ? Engine.Bid(journal.State, new PlaceBid(bidder, amount, $"r-{amount}"), at).Accepted
                : Engine.FloorBid(journal.State, Centre, new FloorBid(number, amount, $"f-{amount}"), at).Accepted);
        }
        if (mode == AuctionMode.Online) journal.CatchUp(at.AddMinutes(5));
        else journal.Record(at.AddSeconds(30), Engine.Hammer(journal.State, Centre, at.AddSeconds(30)).Closed);
        return journal.Entries;
    }

    private static ChainVerification Verify(IReadOnlyList<JournalEntry> entries) =>
        RecordVerifier.Verify(new RecordEvidence(ListingId, entries, Signer.Sign(ListingId, entries.Count, entries[^1].Hash, entries[^1].At)), Signer.Keyring);

    [Theory]
    [InlineData(AuctionMode.Online, 2)]
    [InlineData(AuctionMode.OnSite, 2)]
    [InlineData(AuctionMode.Online, 1)]
    public void What_the_auction_decider_wrote_verifies(AuctionMode mode, int qualified)
    {
        var entries = SoldAuction(mode, qualified);
        Assert.Equal("closed", entries[^1].Type);
        var verdict = Verify(entries);
        Assert.True(verdict.Valid, $"{verdict.Reason} at {verdict.BrokenAtSeq}: {verdict.Detail}");
    }

    public static TheoryData<string, AuctionMode, long> Violations => new()
    {
        { "a countdown stretched after a bid", AuctionMode.Online, 6 },
        { "a floor bid in an online auction", AuctionMode.Online, 6 },
        { "an online bid in an on-site auction", AuctionMode.OnSite, 6 },
        { "a floor bid without its auctioneer", AuctionMode.OnSite, 6 },
        { "too few bidders when there were enough", AuctionMode.Online, 5 },
        { "timed bidding in an auction", AuctionMode.Online, 6 },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void An_auction_invariant_broken_and_rehashed_is_reported(string violation, AuctionMode mode, long atSeq)
    {
        var e = SoldAuction(mode).ToList();
        IReadOnlyList<JournalEntry> forged = violation switch
        {
            "a countdown stretched after a bid" => RecordTampering.RewriteAndRehash(e, 6, d => d.Replace(":01:40+00:00\"", ":05:40+00:00\"", StringComparison.Ordinal)),
            "a floor bid in an online auction" => RecordTampering.RewriteAndRehash(e, 6, d => d.Replace("\"channel\":\"online\"", "\"channel\":\"floor\",\"recordedBy\":\"x\"", StringComparison.Ordinal)),
            "an online bid in an on-site auction" => RecordTampering.RewriteAndRehash(e, 6, d => d.Replace("\"channel\":\"floor\",", "", StringComparison.Ordinal)),
            "a floor bid without its auctioneer" => RecordTampering.RewriteAndRehash(e, 6, d => d.Replace("\"recordedBy\":\"auctioneer-1\"", "\"recordedBy\":null", StringComparison.Ordinal)),
            "too few bidders when there were enough" => RecordTampering.Rechain([.. e[..4], e[4] with { Type = "closed", Data = "{\"$type\":\"closed\",\"outcome\":\"failed\",\"reason\":\"tooFewBidders\",\"closedAt\":\"2026-03-02T02:00:00+00:00\"}" }]),
            "timed bidding in an auction" => RecordTampering.Rechain([.. e[..5], e[5] with { Type = "timedBiddingStarted", Data = "{\"$type\":\"timedBiddingStarted\",\"startedAt\":\"2026-03-02T02:00:00+00:00\",\"startPrice\":1000,\"deadline\":\"2026-03-02T02:04:00+00:00\"}" }, .. e[6..]]),
            _ => throw new ArgumentException(violation),
        };
        Assert.Null(HashChain.FindBreak(forged));
        var verdict = Verify(forged);
        Assert.True(verdict is { Valid: false, Reason: VerifyReasons.InvariantViolated }, $"{violation}: {verdict}");
        Assert.Equal(atSeq, verdict.BrokenAtSeq);
    }
}
