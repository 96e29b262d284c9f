using System.Security.Cryptography;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Auction.Silo.Records;
using Auction.Silo.Sealing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Auction.Rules.Tests.Records;

/// <summary>
/// Where the checkpoint signing key and the sealing key come from (Auction:Checkpoints, Auction:Sealing): configured
/// keys win and are checked; the embedded default generates private key files in the data folder and reuses them;
/// a cluster outside Development refuses to start without configured keys.
/// </summary>
public sealed class KeyMaterialTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("auction-keys-").FullName;

    private string DataFolder => Path.Combine(_root, "data");

    private IConfiguration Config(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            new[] { ("Auction:Storage:SqlitePath", (string?)Path.Combine(DataFolder, "auction.db")) }.Concat(settings)
                .Select(s => new KeyValuePair<string, string?>(s.Item1, s.Item2))).Build();

    private static CheckpointSigner Signer(IConfiguration config, string environment = "Production") =>
        CheckpointSigner.FromConfiguration(config, new Environment(environment), NullLogger.Instance);

    private static Sealer Sealer(IConfiguration config, string environment = "Production") =>
        Auction.Silo.Sealing.Sealer.FromConfiguration(config, new Environment(environment), NullLogger.Instance);

    [Fact]
    public void A_cluster_outside_Development_refuses_to_start_without_configured_keys_and_names_the_settings()
    {
        var cluster = Config(("Auction:Mode", "cluster"));
        var checkpoint = Assert.Throws<KeyConfigurationException>(() => Signer(cluster));
        Assert.Contains("Auction:Checkpoints:PrivateKeyPem or Auction:Checkpoints:PrivateKeyPath", checkpoint.Message);
        var sealing = Assert.Throws<KeyConfigurationException>(() => Sealer(cluster));
        Assert.Contains("Auction:Sealing:Key or Auction:Sealing:KeyPath", sealing.Message);
        Assert.False(Directory.Exists(DataFolder)); // nothing generated

        // In Development a cluster may generate them (in the data folder, shared by silos started from one place).
        Assert.NotNull(Signer(cluster, "Development"));
        Assert.NotNull(Sealer(cluster, "Development"));
    }

    [Fact]
    public void The_embedded_default_generates_private_key_files_once_and_reuses_them()
    {
        var embedded = Config(("Auction:Storage:Provider", "sqlite"));
        var signer = Signer(embedded);
        var sealer = Sealer(embedded);
        var keyFile = Path.Combine(DataFolder, "checkpoint-key.pem");
        var sealingFile = Path.Combine(DataFolder, "sealing.key");
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(keyFile));
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(sealingFile).Trim()).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(DataFolder));
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(keyFile));
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(sealingFile));
        }

        Assert.Equal(signer.KeyId, Signer(embedded).KeyId);
        Assert.Equal(sealer.KeyId, Sealer(embedded).KeyId);
        var sealedValue = sealer.SealAmount("ctx", 1m);
        Assert.Equal(1m, Sealer(embedded).OpenAmount("ctx", sealedValue));
    }

    [Fact]
    public void A_throwaway_store_gets_keys_in_memory_and_writes_no_file()
    {
        var memory = Config(("Auction:Storage:Provider", "memory"));
        Assert.NotEqual(Signer(memory).KeyId, Signer(memory).KeyId);
        Assert.NotEqual(Sealer(memory).KeyId, Sealer(memory).KeyId);
        Assert.False(Directory.Exists(DataFolder));
    }

    [Fact]
    public void Configured_keys_are_used_and_checked()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportPkcs8PrivateKeyPem();
        var keyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
        var sealingKey = RandomNumberGenerator.GetBytes(32);
        var cluster = Config(("Auction:Mode", "cluster"), ("Auction:Checkpoints:PrivateKeyPem", pem), ("Auction:Sealing:Key", Convert.ToBase64String(sealingKey)));
        Assert.Equal(keyId, Signer(cluster).KeyId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(sealingKey))[..16], Sealer(cluster).KeyId);

        var path = Path.Combine(_root, "key.pem");
        File.WriteAllText(path, pem);
        Assert.Equal(keyId, Signer(Config(("Auction:Mode", "cluster"), ("Auction:Checkpoints:PrivateKeyPath", path))).KeyId);

        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create();
        foreach (var (setting, value) in new[]
        {
            ("Auction:Checkpoints:PrivateKeyPem", "not a key"),
            ("Auction:Checkpoints:PrivateKeyPem", p384.ExportPkcs8PrivateKeyPem()),
            ("Auction:Checkpoints:PrivateKeyPem", rsa.ExportPkcs8PrivateKeyPem()),
            ("Auction:Checkpoints:PrivateKeyPem", key.ExportSubjectPublicKeyInfoPem()),
            ("Auction:Checkpoints:PrivateKeyPath", Path.Combine(_root, "missing.pem")),
            ("Auction:Checkpoints:RetiredPublicKeys:0", "not a key"),
        })
            Assert.Contains("Auction:Checkpoints", Assert.Throws<KeyConfigurationException>(() => Signer(Config((setting, value)))).Message);
        foreach (var (setting, value) in new[]
        {
            ("Auction:Sealing:Key", "not base64!"),
            ("Auction:Sealing:Key", Convert.ToBase64String(new byte[16])),
            ("Auction:Sealing:RetiredKeys:0", Convert.ToBase64String(new byte[31])),
            ("Auction:Sealing:KeyPath", Path.Combine(_root, "missing.key")),
        })
            Assert.Contains("Auction:Sealing", Assert.Throws<KeyConfigurationException>(() => Sealer(Config((setting, value)))).Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
