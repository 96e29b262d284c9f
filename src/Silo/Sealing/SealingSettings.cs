namespace Auction.Silo.Sealing;

/// <summary>
/// Settings under <c>Auction:Sealing</c>: the AES-256-GCM key as base64 of 32 bytes (<c>openssl rand -base64 32</c>),
/// given inline (<see cref="Key"/>) or as a file holding that text (<see cref="KeyPath"/>), plus the
/// <see cref="RetiredKeys"/> that still open values sealed before a rotation.
/// </summary>
public sealed class SealingSettings
{
    public string? Key { get; set; }
    public string? KeyPath { get; set; }
    public List<string> RetiredKeys { get; set; } = [];

    public const string Section = "Auction:Sealing";
    public const string GeneratedFileName = "sealing.key";
}
