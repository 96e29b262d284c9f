using System.Text.Json;
using Auction.Contracts.Records;
using Auction.Silo.Journal;
using Auction.Silo.Methods;
using Auction.Silo.Sealing.Box;

namespace Auction.Silo.Records;

/// <summary>
/// Holds the sealed boxes of a record (tenders, one-time quotes) against what the listing's openings of them claim
/// (ARCHITECTURE §3a: one record covers every chain): each box the listing opened is in the record; its chain is intact;
/// it holds sealed items, then its opening and nothing after; the opening sealed the head of the last item and its count
/// at the claimed instant; every item was sealed before it; and each item the listing announced is the box entry with
/// that seq, time and hash. A box the listing never opened must not be in the record at all (it is sealed from the
/// regulator too). The items stay encrypted: this needs no key.
/// </summary>
public static class SealedBoxCheck
{
    public sealed record Problem(string Reason, long? Seq, string Stream, string Detail);

    /// <summary>The first problem of the record's boxes, or null.</summary>
    public static Problem? Check(string listingId, IReadOnlyList<BoxOpeningClaim> claims, IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> boxes)
    {
        if (boxes.Keys.Where(box => claims.All(c => c.Box != box)).Order(StringComparer.Ordinal).FirstOrDefault() is { } extra)
            return Mismatch(StreamOf(listingId, extra), null, $"the record holds box '{extra}', which the listing never opened");
        foreach (var claim in claims)
            if (Check(listingId, claim, boxes.GetValueOrDefault(claim.Box)) is { } problem) return problem;
        return null;
    }

    private static Problem? Check(string listingId, BoxOpeningClaim claim, IReadOnlyList<JournalEntry>? entries)
    {
        var stream = StreamOf(listingId, claim.Box);
        if (entries is not { Count: > 0 }) return new Problem(VerifyReasons.BoxMismatch, null, stream, $"the listing opened box '{claim.Box}', but the record holds no stream of it");
        if (HashChain.FindBreak(entries) is { } broken)
            return new Problem(VerifyReasons.ChainBroken, broken, stream, $"entry {broken} does not follow from the one before it (its hash, link or sequence number is wrong)");

        var events = new BoxEvent[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            try
            {
                events[i] = JournalJson.Deserialize<BoxEvent>(entries[i].Data);
            }
            catch (JsonException ex)
            {
                return new Problem(VerifyReasons.UnreadableEvent, entries[i].Seq, stream, $"entry {entries[i].Seq} ({entries[i].Type}) is not a box event: {ex.Message}");
            }
        }
        if (events[^1] is not BoxOpenedEvent opened || events[..^1].Any(e => e is not BoxItemSealed))
            return Mismatch(stream, null, "the box stream must be its sealed items followed by its one opening");
        var items = entries.Take(entries.Count - 1).ToArray();
        var head = items.Length == 0 ? HashChain.Genesis : items[^1].Hash;
        if (opened.Items != items.Length || opened.HeadHash != head)
            return Mismatch(stream, entries[^1].Seq, $"the opening records {opened.Items} items and head {opened.HeadHash}, but the box holds {items.Length} ending at {head}");
        if (claim.HeadHash != head || claim.Items != items.Length || claim.OpenedAt != opened.OpenedAt)
            return Mismatch(stream, entries[^1].Seq, $"the listing says the box opened at {claim.OpenedAt:O} with {claim.Items} items and head {claim.HeadHash}; the box says {opened.OpenedAt:O}, {items.Length}, {head}");
        if (items.FirstOrDefault(e => e.At >= opened.OpenedAt) is { } late)
            return Mismatch(stream, late.Seq, $"item {late.Seq} was sealed at {late.At:O}, not before the opening at {opened.OpenedAt:O}");
        if (claim.Opened.Count > 0)
        {
            if (claim.Opened.Select(r => r.Seq).Distinct().Count() != items.Length)
                return Mismatch(stream, null, $"the listing announced {claim.Opened.Count} items for the box's {items.Length}, not each once");
            if (claim.Opened.FirstOrDefault(r => r.Seq < 1 || r.Seq > items.Length || items[r.Seq - 1].At != r.At || (r.Hash is not null && items[r.Seq - 1].Hash != r.Hash)) is { } stray)
                return Mismatch(stream, stray.Seq, $"the listing announced an item at seq {stray.Seq} sealed at {stray.At:O}, which the box does not hold");
        }
        return null;
    }

    private static string StreamOf(string listingId, string box) => SealedBoxGrain.StreamOf(SealedBoxes.KeyOf(listingId, box));

    private static Problem Mismatch(string stream, long? seq, string detail) => new(VerifyReasons.BoxMismatch, seq, stream, detail);
}
