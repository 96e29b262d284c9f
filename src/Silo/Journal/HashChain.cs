using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Auction.Silo.Journal;

/// <summary>
/// The tamper-evident chain over a stream: <c>hash_n = SHA-256(hash_{n-1} ‖ canonical_bytes(event_n))</c>,
/// where the canonical bytes are the UTF-8 of <c>seq \n type \n at(ISO 8601, UTC, 7 fractional digits) \n data</c>.
/// The first entry chains from <see cref="Genesis"/>.
/// </summary>
public static class HashChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Compute(string prevHash, long seq, string type, DateTimeOffset at, string data)
    {
        var canonical = string.Join('\n', seq.ToString(CultureInfo.InvariantCulture), type,
            at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), data);
        var bytes = Encoding.UTF8.GetBytes(prevHash + canonical);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public static JournalEntry Seal(string prevHash, long seq, string type, DateTimeOffset at, string data) =>
        new(seq, type, at, data, prevHash, Compute(prevHash, seq, type, at, data));

    /// <summary>Recomputes the chain; returns the first seq that breaks it (gap, wrong link or wrong hash), or null.</summary>
    public static long? FindBreak(IReadOnlyList<JournalEntry> entries)
    {
        var prev = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Seq != i + 1 || e.PrevHash != prev || e.Hash != Compute(e.PrevHash, e.Seq, e.Type, e.At, e.Data))
                return i + 1;
            prev = e.Hash;
        }
        return null;
    }
}
