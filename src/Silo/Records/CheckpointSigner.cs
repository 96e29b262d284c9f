using System.Security.Cryptography;
using System.Text;
using Auction.Contracts.Records;
using Auction.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Records;

/// <summary>
/// Signs listing chain heads with the silo's ECDSA P-256 key (ARCHITECTURE §3a). <see cref="Keyring"/> holds the
/// public keys that verify checkpoints: this key and the retired ones of <c>Auction:Checkpoints:RetiredPublicKeys</c>.
/// </summary>
public sealed class CheckpointSigner : IDisposable
{
    private readonly ECDsa _key;
    private readonly Lock _lock = new();

    public CheckpointSigner(ECDsa key, IEnumerable<string>? retiredPublicKeys = null)
    {
        CheckpointKeyring.RequireP256(key);
        _key = key;
        var spki = key.ExportSubjectPublicKeyInfo();
        KeyId = CheckpointKeyring.KeyIdOf(spki);
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        Keyring = new CheckpointKeyring([PublicKeyPem, .. retiredPublicKeys ?? []]);
    }

    public string KeyId { get; }

    public string PublicKeyPem { get; }

    public CheckpointKeyring Keyring { get; }

    /// <summary>A signer with a fresh key in memory (throwaway stores and tests).</summary>
    public static CheckpointSigner Generated() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public SignedCheckpoint Sign(string listingId, long seq, string headHash, DateTimeOffset at)
    {
        var signedAt = CheckpointKeyring.FormatSignedAt(at);
        var message = Encoding.UTF8.GetBytes(CheckpointKeyring.Message(listingId, seq, headHash, signedAt));
        byte[] signature;
        lock (_lock) signature = _key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new SignedCheckpoint(listingId, seq, headHash, signedAt, KeyId, Convert.ToBase64String(signature));
    }

    public void Dispose() => _key.Dispose();

    /// <summary>
    /// The signer of <c>Auction:Checkpoints</c>: the configured PKCS#8 PEM, else the embedded default's
    /// <c>checkpoint-key.pem</c> in the data folder (generated once, 0600), else a key in memory; a cluster
    /// outside Development refuses to start without one.
    /// </summary>
    public static CheckpointSigner FromConfiguration(IConfiguration? configuration, IHostEnvironment? environment, ILogger logger)
    {
        var settings = configuration?.GetSection(CheckpointSettings.Section).Get<CheckpointSettings>() ?? new CheckpointSettings();
        var retired = settings.RetiredPublicKeys;
        for (var i = 0; i < retired.Count; i++) Check(() => new CheckpointKeyring([retired[i]]), $"{CheckpointSettings.Section}:RetiredPublicKeys:{i}");
        var (pem, source) = KeyMaterial.Resolve(configuration, environment, CheckpointSettings.Section, nameof(CheckpointSettings.PrivateKeyPem),
            nameof(CheckpointSettings.PrivateKeyPath), CheckpointSettings.GeneratedFileName, () =>
            {
                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                return key.ExportPkcs8PrivateKeyPem() + "\n";
            }, "checkpoint signing key",
            "It is the ECDSA P-256 key that signs listing checkpoints, as a PKCS#8 PEM (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256).", logger);
        return new CheckpointSigner(Import(pem, source), retired);
    }

    private static ECDsa Import(string pem, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            CheckpointKeyring.RequireP256(key);
            key.ExportParameters(includePrivateParameters: true); // a public key alone cannot sign
            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or FormatException)
        {
            key.Dispose();
            throw new KeyConfigurationException($"{source} must be an ECDSA P-256 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----): {ex.Message}", ex);
        }
    }

    private static void Check(Action parse, string source)
    {
        try
        {
            parse();
        }
        catch (FormatException ex)
        {
            throw new KeyConfigurationException($"{source} is {ex.Message}.", ex);
        }
    }
}
