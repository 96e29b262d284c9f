using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Auction.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Sealing;

/// <summary>
/// Seals and opens values kept secret at rest (ARCHITECTURE §3a): the reserve today, tender amounts, one-time
/// quotes and the lottery secret later. AES-256-GCM with a random nonce per value; the current key seals, the
/// keyring (current + retired keys) opens. Key ids are the first 16 hex characters of SHA-256 of the key bytes.
/// </summary>
public sealed class Sealer
{
    public const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;
    private readonly Dictionary<string, byte[]> _keyring = new(StringComparer.Ordinal);

    public Sealer(byte[] key, IEnumerable<byte[]>? retiredKeys = null)
    {
        if (key.Length != KeyBytes) throw new KeyConfigurationException($"A sealing key must be {KeyBytes} bytes (AES-256), not {key.Length}.");
        _key = key;
        KeyId = KeyIdOf(key);
        _keyring[KeyId] = key;
        foreach (var retired in retiredKeys ?? [])
        {
            if (retired.Length != KeyBytes) throw new KeyConfigurationException($"A retired sealing key must be {KeyBytes} bytes, not {retired.Length}.");
            _keyring.TryAdd(KeyIdOf(retired), retired);
        }
    }

    /// <summary>The id of the key that seals new values.</summary>
    public string KeyId { get; }

    public static string KeyIdOf(ReadOnlySpan<byte> key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    /// <summary>A sealer with a fresh random key (throwaway stores and tests).</summary>
    public static Sealer Generated() => new(RandomNumberGenerator.GetBytes(KeyBytes));

    public SealedValue Seal(string context, ReadOnlySpan<byte> plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, Encoding.UTF8.GetBytes(context));
        return new SealedValue(KeyId, Convert.ToBase64String(nonce), Convert.ToBase64String(ciphertext), Convert.ToBase64String(tag));
    }

    public byte[] Open(string context, SealedValue value)
    {
        if (!_keyring.TryGetValue(value.KeyId, out var key))
            throw new SealingException($"A value sealed for {context} needs sealing key {value.KeyId}, which is neither {SealingSettings.Section}:Key nor one of :RetiredKeys.");
        try
        {
            var ciphertext = Convert.FromBase64String(value.Ciphertext);
            var plaintext = new byte[ciphertext.Length];
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(Convert.FromBase64String(value.Nonce), ciphertext, Convert.FromBase64String(value.Tag), plaintext, Encoding.UTF8.GetBytes(context));
            return plaintext;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            throw new SealingException($"The value sealed for {context} does not open: it was altered or belongs elsewhere.", ex);
        }
    }

    /// <summary>
    /// A keyed digest of <paramref name="value"/> (HMAC-SHA256 under a key derived from the sealing key), written
    /// <c>{keyId}:{hex}</c>: for values that must be compared later but must not be open to a dictionary search, such
    /// as the fingerprint of a request whose body holds a sealed value.
    /// </summary>
    public string Digest(string context, string value) => $"{KeyId}:{Mac(_key, context, value)}";

    /// <summary>Whether <paramref name="digest"/> is the digest of <paramref name="value"/> under any key of the keyring.</summary>
    public bool DigestMatches(string context, string value, string digest)
    {
        var colon = digest.IndexOf(':');
        if (colon < 0 || !_keyring.TryGetValue(digest[..colon], out var key)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(digest[(colon + 1)..]), Encoding.ASCII.GetBytes(Mac(key, context, value)));
    }

    private static string Mac(byte[] key, string context, string value)
    {
        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: Encoding.UTF8.GetBytes("auction/digest"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(derived, Encoding.UTF8.GetBytes($"{context}\n{value}")));
    }

    /// <summary>Seals an amount as the 16 bytes of its decimal representation: every amount has the same ciphertext length.</summary>
    public SealedValue SealAmount(string context, decimal amount)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(amount, bits);
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 4; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes[(i * 4)..], bits[i]);
        return Seal(context, bytes);
    }

    public decimal OpenAmount(string context, SealedValue value)
    {
        var bytes = Open(context, value);
        if (bytes.Length != 16) throw new SealingException($"The value sealed for {context} is not an amount.");
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++) bits[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4));
        try
        {
            return new decimal(bits);
        }
        catch (ArgumentException ex)
        {
            throw new SealingException($"The value sealed for {context} is not an amount.", ex);
        }
    }

    /// <summary>
    /// The sealer of <c>Auction:Sealing</c>: the configured key, else the embedded default's <c>sealing.key</c> in the
    /// data folder (generated once, 0600), else a key in memory; a cluster outside Development refuses to start without one.
    /// </summary>
    public static Sealer FromConfiguration(IConfiguration? configuration, IHostEnvironment? environment, ILogger logger)
    {
        var settings = configuration?.GetSection(SealingSettings.Section).Get<SealingSettings>() ?? new SealingSettings();
        var retired = settings.RetiredKeys.Select((k, i) => Decode(k, $"{SealingSettings.Section}:RetiredKeys:{i}")).ToArray();
        var (key, source) = KeyMaterial.Resolve(configuration, environment, SealingSettings.Section, nameof(SealingSettings.Key),
            nameof(SealingSettings.KeyPath), SealingSettings.GeneratedFileName, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)) + "\n",
            "sealing key", "It is the AES-256-GCM key that seals reserves at rest: base64 of 32 random bytes (openssl rand -base64 32).", logger);
        return new Sealer(Decode(key, source), retired);
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            return key.Length == KeyBytes ? key : throw new KeyConfigurationException($"{source} must be base64 of {KeyBytes} bytes, not {key.Length} (openssl rand -base64 32).");
        }
        catch (FormatException ex)
        {
            throw new KeyConfigurationException($"{source} is not base64 (openssl rand -base64 32).", ex);
        }
    }
}
