using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Auction.Silo.Methods.Tender;

/// <summary>
/// The commitment a tender's receipt carries (API.md v2 "Tender"): hex SHA-256 of the UTF-8 text
/// <c>{listingId}|{bidderNo}|{amount with exactly 2 decimals}|{proposalSha256 or empty}|{salt}</c>. The salt is 32
/// random bytes the server draws (so nobody can test guessed amounts against a commitment); once the opening announces
/// the fields, anyone recomputes it with any SHA-256 tool and a bidder holds it against their receipt.
/// </summary>
public static class TenderCommitment
{
    public const int SaltBytes = 32;

    public static string Text(string listingId, string bidderNo, decimal amount, string? proposalSha256, string salt) =>
        string.Create(CultureInfo.InvariantCulture, $"{listingId}|{bidderNo}|{amount:0.00}|{proposalSha256}|{salt}");

    public static string Of(string listingId, string bidderNo, decimal amount, string? proposalSha256, string salt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(listingId, bidderNo, amount, proposalSha256, salt))));

    /// <summary>A fresh salt as 64 lowercase hex characters (drawn by the grain: the deciders stay pure).</summary>
    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SaltBytes));

    /// <summary>Whether <paramref name="value"/> is a SHA-256 written as 64 lowercase hex characters (salts and proposal hashes alike).</summary>
    public static bool IsLowerHex256(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
