using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Auction.Silo.Methods.Caps.Lottery;

/// <summary>
/// The verifiable draw of API.md v2 (mode C, 摇号): the listing commits to a 32-byte secret at publication (the hex
/// SHA-256 of its bytes); at the joining deadline the entrants (bidder numbers) are sorted in ordinal order, the secret
/// is revealed, and the winner is the entrant at index HMAC-SHA256(key = the secret's bytes, message = UTF-8
/// <c>{listingId}|{entrants joined with ","}</c>), first 8 bytes as a big-endian unsigned integer, mod the number of
/// entrants. Nothing here is random: anyone holding the public answer recomputes the same winner.
/// </summary>
public static class LotteryDraw
{
    public const int SecretBytes = 32;

    /// <summary>The name <c>GET …/lottery</c> gives the algorithm (<c>algorithm</c>).</summary>
    public const string Algorithm = "hmac-sha256-be64-mod-n";

    /// <summary>The commitment to a secret: lowercase hex of SHA-256 of its 32 bytes.</summary>
    public static string Commitment(ReadOnlySpan<byte> secret) => Convert.ToHexStringLower(SHA256.HashData(secret));

    /// <summary>Whether <paramref name="secretHex"/> is 64 lowercase hex characters whose bytes hash to <paramref name="commitment"/>.</summary>
    public static bool Opens(string commitment, string secretHex) =>
        secretHex.Length == SecretBytes * 2 && secretHex.All(char.IsAsciiHexDigitLower) && Commitment(Convert.FromHexString(secretHex)) == commitment;

    /// <summary>Entrants as the draw orders them: distinct bidder numbers in ordinal string order.</summary>
    public static IReadOnlyList<string> Sorted(IEnumerable<string> bidderNos) =>
        bidderNos.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The HMAC message: <c>{listingId}|{sorted entrants joined with ","}</c>.</summary>
    public static string Message(string listingId, IReadOnlyList<string> sortedEntrants) => $"{listingId}|{string.Join(',', sortedEntrants)}";

    public static int WinnerIndex(string listingId, IReadOnlyList<string> sortedEntrants, string secretHex)
    {
        if (sortedEntrants.Count == 0) throw new ArgumentException("a draw needs at least one entrant", nameof(sortedEntrants));
        var mac = HMACSHA256.HashData(Convert.FromHexString(secretHex), Encoding.UTF8.GetBytes(Message(listingId, sortedEntrants)));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(mac) % (ulong)sortedEntrants.Count);
    }

    public static string Winner(string listingId, IReadOnlyList<string> sortedEntrants, string secretHex) =>
        sortedEntrants[WinnerIndex(listingId, sortedEntrants, secretHex)];
}
