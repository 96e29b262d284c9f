namespace Auction.Silo.Records;

/// <summary>
/// Settings under <c>Auction:Checkpoints</c>. The ECDSA P-256 signing key is a PKCS#8 PEM, inline
/// (<see cref="PrivateKeyPem"/>) or in a file (<see cref="PrivateKeyPath"/>); <see cref="RetiredPublicKeys"/> are PEM
/// public keys of earlier signing keys, still served and trusted. A listing's head is signed at publication, at its
/// close or termination, and whenever <see cref="EveryEvents"/> events are unsigned or the oldest unsigned one is
/// <see cref="EverySeconds"/> old.
/// </summary>
public sealed class CheckpointSettings
{
    public string? PrivateKeyPem { get; set; }
    public string? PrivateKeyPath { get; set; }
    public List<string> RetiredPublicKeys { get; set; } = [];
    public int EveryEvents { get; set; } = 100;
    public int EverySeconds { get; set; } = 60;

    public const string Section = "Auction:Checkpoints";
    public const string GeneratedFileName = "checkpoint-key.pem";
}
