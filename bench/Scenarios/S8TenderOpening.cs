using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Auction.Bench.Core;
using Auction.Bench.Live;
using Auction.Contracts.Listings;

namespace Auction.Bench.Scenarios;

/// <summary>
/// S8: the opening (开标) of a tender with 1,000 sealed tenders. Every qualified bidder seals one tender with a distinct
/// amount; at the deadline the server opens the box by itself. Reports how long after the deadline the public
/// <c>tendersOpened</c> event reached a watcher on the gateway, and checks that every tender was opened with its
/// receipt's amount, salt and commitment, each commitment recomputed with plain SHA-256 (API.md v2 "Tender").
/// </summary>
public sealed class S8TenderOpening : IBenchmark
{
    public string Id => "S8";
    public string Title => "Tender opening with 1,000 sealed tenders: deadline → tendersOpened";
    public IReadOnlyList<string> Baselines => [];
    public IReadOnlyList<Goal> Goals => [Goal.AtMost("opened_after_deadline_ms", 2000, "ms")];

    public async Task<Measurement> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var tenderers = context.Scale(1000, 20);
        // Long enough to qualify every bidder and seal every tender before the opening.
        var window = TimeSpan.FromSeconds(context.Scale(180, 6));
        DateTimeOffset opening = default;
        var (listingId, bidders) = await context.Publish(tenderers, "s8", (id, now) =>
        {
            opening = now + window;
            return new PublishListing($"bench-s8-{id}", "bench-centre", "bench", BenchContext.Parcel, GrantMethod.Tender, now, now.AddSeconds(1), opening,
                opening.AddSeconds(-1), opening.AddSeconds(-1), 1000m, 1m, IncrementRule.AtLeastOneStep, 100m, null, TimedBiddingTerms.None,
                Tender: TenderTerms.Default);
        }, waitUntilOpen: true);
        var listing = context.Grains.GetGrain<IListingGrain>(listingId);
        await using var watcher = await SaleWatcher.Start(context.System.GatewayUrl, listingId, cancellationToken);

        var receipts = new TenderReceipt[bidders.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, bidders.Length), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, _) => receipts[i] = (await listing.SubmitTender(new SubmitTender(bidders[i], 1000.25m + i, null, $"s8-{i}"))).Expect());
        var sealedBy = DateTimeOffset.UtcNow;
        if (sealedBy >= opening) throw new InvalidOperationException($"sealing took past the opening ({sealedBy:O} ≥ {opening:O}): lengthen the window");

        var opened = await watcher.First("tendersOpened", opening - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60));
        var tenders = opened.Event.GetProperty("tenders").EnumerateArray().ToDictionary(t => t.GetProperty("bidderNo").GetString()!, StringComparer.Ordinal);
        var mismatched = receipts.Count(r => !tenders.TryGetValue(r.BidderNo, out var t)
            || t.GetProperty("amount").GetDecimal() != r.Amount || t.GetProperty("salt").GetString() != r.Salt
            || t.GetProperty("commitment").GetString() != r.Commitment || !t.GetProperty("valid").GetBoolean());
        var badCommitments = tenders.Values.Count(t => t.GetProperty("commitment").GetString() != Commitment(listingId, t));
        return Measurement.Of(
                ("opened_after_deadline_ms", (opened.ReceivedAt - opening).TotalMilliseconds), ("tenders", receipts.Length),
                ("opened", tenders.Count), ("sealing_margin_s", (opening - sealedBy).TotalSeconds))
            .With(
                new Check("S8: every tender opened with its receipt's amount, salt and commitment, all valid", tenders.Count == receipts.Length && mismatched == 0,
                    $"{tenders.Count} opened of {receipts.Length} sealed, {mismatched} differing from their receipt"),
                new Check("S8: every commitment recomputes from the opened tender with SHA-256", badCommitments == 0,
                    $"{badCommitments} of {tenders.Count} commitments differ from SHA-256(listingId|bidderNo|amount|proposal|salt)"));
    }

    /// <summary>API.md: hex SHA-256 of <c>{listingId}|{bidderNo}|{amount, 2 decimals}|{proposalSha256 or empty}|{salt}</c>.</summary>
    private static string Commitment(string listingId, System.Text.Json.JsonElement tender)
    {
        var proposal = tender.TryGetProperty("proposalSha256", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String ? p.GetString() : "";
        var text = $"{listingId}|{tender.GetProperty("bidderNo").GetString()}|{tender.GetProperty("amount").GetDecimal().ToString("F2", CultureInfo.InvariantCulture)}|{proposal}|{tender.GetProperty("salt").GetString()}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
