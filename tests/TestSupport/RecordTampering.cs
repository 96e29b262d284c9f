using System.Security.Cryptography;
using Auction.Contracts.Records;
using Auction.Silo.Journal;
using Auction.Silo.Records;

namespace Auction.TestSupport;

/// <summary>
/// What an attacker with write access to the journal store does to a record: edit, insert or delete entries and
/// then recompute every hash so the chain is consistent again, and even sign the new head with a key of their own.
/// </summary>
public static class RecordTampering
{
    /// <summary>Renumbers the entries 1..n and recomputes the whole chain from their types, times and data.</summary>
    public static JournalEntry[] Rechain(IEnumerable<JournalEntry> entries)
    {
        var result = new List<JournalEntry>();
        foreach (var e in entries)
            result.Add(HashChain.Seal(result.Count == 0 ? HashChain.Genesis : result[^1].Hash, result.Count + 1, e.Type, e.At, e.Data));
        return [.. result];
    }

    /// <summary>Rewrites the data of the entry at <paramref name="seq"/> and rehashes the whole chain.</summary>
    public static JournalEntry[] RewriteAndRehash(IReadOnlyList<JournalEntry> entries, long seq, Func<string, string> change) =>
        Rechain(entries.Select(e => e.Seq == seq ? e with { Data = change(e.Data) } : e));

    /// <summary>Inserts, right after the last accepted bid, a copy of it that bids <paramref name="lowerBy"/> less, and rehashes.</summary>
    public static JournalEntry[] InsertLowerBid(IReadOnlyList<JournalEntry> entries, decimal lowerBy)
    {
        var last = entries.Last(e => e.Type == "bidAccepted");
        var amount = System.Text.Json.JsonDocument.Parse(last.Data).RootElement.GetProperty("amount").GetDecimal();
        var lower = last with
        {
            At = last.At.AddMilliseconds(1),
            Data = last.Data.Replace($"\"amount\":{amount}", $"\"amount\":{amount - lowerBy}", StringComparison.Ordinal)
                .Replace("\"requestId\":\"", "\"requestId\":\"forged-", StringComparison.Ordinal),
        };
        var list = entries.ToList();
        list.Insert(list.IndexOf(last) + 1, lower);
        return Rechain(list);
    }

    /// <summary>A checkpoint stream holding one checkpoint of <paramref name="entries"/>' head, signed with the attacker's own key.</summary>
    public static JournalEntry[] SelfSignedCheckpoints(string listingId, IReadOnlyList<JournalEntry> entries, DateTimeOffset at, string? claimKeyId = null)
    {
        using var signer = new CheckpointSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var checkpoint = signer.Sign(listingId, entries.Count, entries[^1].Hash, at);
        if (claimKeyId is not null) checkpoint = checkpoint with { KeyId = claimKeyId };
        return [HashChain.Seal(HashChain.Genesis, 1, CheckpointLog.EntryType, at, JournalJson.Serialize(checkpoint))];
    }

    public static SignedCheckpoint Read(JournalEntry checkpointEntry) => CheckpointLog.Read(checkpointEntry);
}
