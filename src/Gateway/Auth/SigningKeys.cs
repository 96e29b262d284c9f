namespace Auction.Gateway.Auth;

/// <summary>
/// The HMAC key's strength: base64 of at least 32 bytes (256 bits), and not obviously made by a person. 32 random
/// bytes are never all printable text (odds ≈ 10⁻¹⁴), never use fewer than 16 distinct byte values, and never count
/// up or down; a passphrase or a pattern that was base64-encoded does one of these.
/// </summary>
public static class SigningKeys
{
    public const int MinBytes = 32;

    public const string HowToGenerate = "generate one with `openssl rand -base64 32`";

    /// <summary>Null when <paramref name="base64"/> is a usable key, else why not (to follow the setting's name).</summary>
    public static string? Problem(string base64, bool requireRandom)
    {
        if (base64 == JwtSettings.RetiredSigningKey) return $"is the retired development default; {HowToGenerate}";
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            return $"is not base64; it must be base64 of at least {MinBytes} random bytes: {HowToGenerate}";
        }
        if (key.Length < MinBytes) return $"decodes to {key.Length} bytes; at least {MinBytes} random bytes (256 bits) are needed: {HowToGenerate}";
        if (!requireRandom) return null;
        if (base64.Trim() == JwtSettings.DevelopmentSigningKey) return $"is the public development default; {HowToGenerate}";
        if (NonRandom(key) is { } why) return $"does not look random ({why}); {HowToGenerate}";
        return null;
    }

    private static string? NonRandom(byte[] key)
    {
        if (key.All(b => b is >= 0x20 and < 0x7F)) return "it decodes to plain text, e.g. a passphrase";
        if (key.Distinct().Count() < 16) return "it repeats a few byte values";
        var step = (byte)(key[1] - key[0]);
        if (key.Zip(key.Skip(1)).All(p => (byte)(p.Second - p.First) == step)) return "it is a counting sequence";
        return null;
    }
}
