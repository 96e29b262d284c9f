using System.Security.Cryptography;
using System.Text;

namespace Auction.TestSupport;

/// <summary>
/// The lottery draw of API.md v2 recomputed the way an outsider would, with nothing but System.Security.Cryptography and
/// the public answer (it shares no code with the server's draw): check the revealed secret against the commitment
/// published at the start, sort the entrants (ordinal), HMAC-SHA256 the message <c>{listingId}|{entrants joined by ","}</c>
/// with the secret's 32 bytes, read the first 8 bytes big-endian, take them mod the number of entrants.
/// </summary>
public static class IndependentLotteryDraw
{
    public static bool SecretOpensCommitment(string secretHex, string commitment) =>
        Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(secretHex))) == commitment;

    public static string Winner(string listingId, IEnumerable<string> entrants, string secretHex)
    {
        var sorted = entrants.Order(StringComparer.Ordinal).ToArray();
        var mac = HMACSHA256.HashData(Convert.FromHexString(secretHex), Encoding.UTF8.GetBytes($"{listingId}|{string.Join(",", sorted)}"));
        ulong value = 0;
        for (var i = 0; i < 8; i++) value = (value << 8) | mac[i];
        return sorted[(int)(value % (ulong)sorted.Length)];
    }
}
