using System.Text.Json;
using Auction.Contracts.Records;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Methods;
using Auction.Silo.Sealing.Box;

namespace Auction.Silo.Records;

/// <summary>
/// The sealed boxes of a record (one-time quotes, tenders): each box the listing opened must be in the record with an
/// intact chain whose last entry is its one opening, sealing the head the listing recorded, after exactly the items the
/// listing published, sealed at the times it says. The items stay ciphertext; a box the listing never opened must not
/// be in the record at all (it is sealed from the regulator too). Pure, like <see cref="RecordVerifier"/>.
/// </summary>
public static class BoxVerifier
{
    public static RecordBreak? Check(string listingId, IReadOnlyList<ISealedBoxOpening> openings, IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> boxes)
    {
        if (boxes.Keys.Where(box => openings.All(o => o.Box != box)).Order(StringComparer.Ordinal).FirstOrDefault() is { } extra)
            return new RecordBreak(VerifyReasons.BoxMismatch, null, StreamOf(listingId, extra), $"the record holds box {extra}, which the listing never opened");
        foreach (var opening in openings)
            if (CheckOne(StreamOf(listingId, opening.Box), opening, boxes.GetValueOrDefault(opening.Box)) is { } problem) return problem;
        return null;
    }

    private static RecordBreak? CheckOne(string stream, ISealedBoxOpening opening, IReadOnlyList<JournalEntry>? entries)
    {
        if (entries is null || entries.Count == 0)
            return new RecordBreak(VerifyReasons.BoxMismatch, null, stream, $"the listing opened box {opening.Box}, but the record lacks its stream");
        if (HashChain.FindBreak(entries) is { } broken)
            return new RecordBreak(VerifyReasons.ChainBroken, broken, stream, $"entry {broken} does not follow from the one before it (its hash, link or sequence number is wrong)");
        var events = new List<BoxEvent>();
        foreach (var entry in entries)
        {
            try
            {
                events.Add(JournalJson.Deserialize<BoxEvent>(entry.Data));
            }
            catch (JsonException ex)
            {
                return new RecordBreak(VerifyReasons.UnreadableEvent, entry.Seq, stream, $"entry {entry.Seq} ({entry.Type}) is not a box event: {ex.Message}");
            }
        }
        if (events[^1] is not BoxOpenedEvent opened || events.Take(events.Count - 1).Any(e => e is not BoxItemSealed))
            return new RecordBreak(VerifyReasons.BoxMismatch, null, stream, "a box stream is its sealed items followed by one opening, and nothing after it");
        var items = entries.Take(entries.Count - 1).ToArray();
        var head = items.Length == 0 ? HashChain.Genesis : items[^1].Hash;
        if (opened.HeadHash != head || opened.Items != items.Length)
            return new RecordBreak(VerifyReasons.BoxMismatch, entries.Count, stream, $"the opening seals head {opened.HeadHash} of {opened.Items} items, but the stream has {items.Length} ending at {head}");
        if (opening.BoxHeadHash != head)
            return new RecordBreak(VerifyReasons.BoxMismatch, null, stream, $"the listing recorded head {opening.BoxHeadHash} at the opening, but the box's head is {head}");
        if (!opening.ItemsSealedAt.SequenceEqual(items.Select(i => i.At)))
            return new RecordBreak(VerifyReasons.BoxMismatch, null, stream, $"the listing published {opening.ItemsSealedAt.Count} items with other sealing times than the box's {items.Length}");
        return null;
    }

    private static string StreamOf(string listingId, string box) => SealedBoxGrain.StreamOf(SealedBoxes.KeyOf(listingId, box));
}
