using Auction.Silo.Journal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Hosting;

/// <summary>A key setting that is missing or wrong: the silo refuses to start with this message.</summary>
public sealed class KeyConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Where the engine's keys (checkpoint signing, sealing) come from. A configured key always wins. Otherwise the
/// embedded default generates one into the data folder (the folder of <c>Auction:Storage:SqlitePath</c>, default
/// <c>data/</c>) and reuses it on the next start; a throwaway store (<c>memory</c>, tests) gets a key in memory.
/// A cluster outside Development refuses to start without configured keys: every silo must share them, and a key
/// generated on one machine would make another silo unable to open or verify what the first one wrote.
/// </summary>
public static class KeyMaterial
{
    /// <summary>The data folder, or null when the journal is not kept on disk (the <c>memory</c> store, or no configuration).</summary>
    public static string? DataFolder(IConfiguration? configuration)
    {
        if (configuration is null) return null;
        var storage = configuration.GetSection("Auction:Storage");
        var onDisk = configuration.IsClusterMode() || string.Equals(storage["Provider"], "sqlite", StringComparison.OrdinalIgnoreCase);
        if (!onDisk) return null;
        var path = storage["SqlitePath"] is { Length: > 0 } configured ? configured : Path.Combine("data", "auction.db");
        return Path.GetDirectoryName(Path.GetFullPath(path));
    }

    /// <summary>Throws when a cluster runs outside Development without the key <paramref name="settings"/> name.</summary>
    public static void RequireConfiguredInCluster(IConfiguration? configuration, IHostEnvironment? environment, string settings, string howTo)
    {
        if (!configuration.IsClusterMode() || environment?.IsDevelopment() == true) return;
        throw new KeyConfigurationException(
            $"{settings} must be set in cluster mode outside Development: every silo must use the same key, so none is generated. {howTo}");
    }

    /// <summary>
    /// Reads the key file <paramref name="fileName"/> in the data folder, or creates it (0600, folder 0700) with
    /// <paramref name="create"/>. Two processes starting at once end up with the same key.
    /// </summary>
    public static string LoadOrCreate(string folder, string fileName, Func<string> create, ILogger logger, string what)
    {
        var path = Path.Combine(folder, fileName);
        if (File.Exists(path)) return File.ReadAllText(path);
        PrivateFiles.CreateFolder(folder);
        if (PrivateFiles.TryCreate(path, create()))
            logger.LogWarning("Generated a new {What} in {Path}; keep this file (and back it up) or configure the key explicitly", what, path);
        return File.ReadAllText(path);
    }
}
