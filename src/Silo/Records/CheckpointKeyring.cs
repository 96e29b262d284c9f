using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Auction.Contracts.Records;

namespace Auction.Silo.Records;

/// <summary>
/// The public half of checkpoints: the signed message, the key ids, and verification with a set of trusted public
/// keys. Pure (BCL cryptography only), shared by the grains and the offline <c>verify</c> command.
/// </summary>
public sealed class CheckpointKeyring
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    // SubjectPublicKeyInfo DER by key id; an ECDsa is made per verification (instances are not documented thread-safe).
    private readonly Dictionary<string, (byte[] Spki, string Pem)> _keys = new(StringComparer.Ordinal);

    /// <summary>A keyring of the given PEM public keys (SubjectPublicKeyInfo; a private key PEM is reduced to its public half).</summary>
    public CheckpointKeyring(IEnumerable<string> publicKeyPems)
    {
        foreach (var pem in publicKeyPems) Add(pem);
    }

    public IReadOnlyList<CheckpointKey> Keys => _keys.Select(k => new CheckpointKey(k.Key, k.Value.Pem)).ToArray();

    public bool Contains(string keyId) => _keys.ContainsKey(keyId);

    /// <summary>Adds a key; throws <see cref="FormatException"/> when the text is no PEM ECDSA P-256 key.</summary>
    public void Add(string pem)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new FormatException("not a PEM ECDSA key (expected -----BEGIN PUBLIC KEY----- …)", ex);
        }
        RequireP256(key);
        _keys.TryAdd(KeyIdOf(key.ExportSubjectPublicKeyInfo()), (key.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfoPem()));
    }

    /// <summary>True or false when the checkpoint names a key of this ring; null when it names an unknown key.</summary>
    public bool? Verify(SignedCheckpoint checkpoint)
    {
        if (!_keys.TryGetValue(checkpoint.KeyId, out var known)) return null;
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(known.Spki, out _);
        try
        {
            return key.VerifyData(Encoding.UTF8.GetBytes(Message(checkpoint.ListingId, checkpoint.Seq, checkpoint.HeadHash, checkpoint.SignedAt)),
                Convert.FromBase64String(checkpoint.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The signed text: <c>{listingId}|{seq}|{headHash}|{signedAt}</c>, UTF-8.</summary>
    public static string Message(string listingId, long seq, string headHash, string signedAt) =>
        string.Join('|', listingId, seq.ToString(CultureInfo.InvariantCulture), headHash, signedAt);

    /// <summary>The pinned <c>signedAt</c> text: ISO 8601 UTC with <c>Z</c> and milliseconds only when non-zero, as every API time (e.g. <c>2026-12-01T09:30:00Z</c>, <c>2026-12-01T09:30:00.25Z</c>).</summary>
    public static string FormatSignedAt(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>First 16 hex characters of SHA-256 of the SubjectPublicKeyInfo DER.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> subjectPublicKeyInfo) => Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo))[..16];

    internal static void RequireP256(ECDsa key)
    {
        var curve = key.ExportParameters(false).Curve;
        if (curve.Oid?.Value != P256Oid && curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256" or "secp256r1"))
            throw new FormatException($"checkpoint keys must be ECDSA P-256 (prime256v1), not {curve.Oid?.FriendlyName ?? curve.Oid?.Value ?? "an explicit curve"}");
    }
}
