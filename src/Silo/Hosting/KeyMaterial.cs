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

    /// <summary>
    /// The text of a key and where it came from: the inline setting <c>{section}:{inlineName}</c>, else the file named by
    /// <c>{section}:{pathName}</c>, else (refused in a cluster outside Development) one <paramref name="generate"/>d in
    /// memory for a throwaway store or once into <paramref name="fileName"/> in the data folder.
    /// </summary>
    public static (string Text, string Source) Resolve(IConfiguration? configuration, IHostEnvironment? environment, string section,
        string inlineName, string pathName, string fileName, Func<string> generate, string what, string howTo, ILogger logger)
    {
        var settings = configuration?.GetSection(section);
        var (inline, path) = (settings?[inlineName], settings?[pathName]);
        if (!string.IsNullOrEmpty(inline) && !string.IsNullOrEmpty(path))
            throw new KeyConfigurationException($"Set {section}:{inlineName} or {section}:{pathName}, not both.");
        if (!string.IsNullOrEmpty(inline)) return (inline, $"{section}:{inlineName}");
        if (!string.IsNullOrEmpty(path))
            return File.Exists(path)
                ? (File.ReadAllText(path), $"the file {path} ({section}:{pathName})")
                : throw new KeyConfigurationException($"{section}:{pathName} names {path}, which does not exist.");
        RequireConfiguredInCluster(configuration, environment, $"{section}:{inlineName} or {section}:{pathName}", howTo);
        if (DataFolder(configuration) is not { } folder) return (generate(), $"a {what} generated in memory");
        return (LoadOrCreate(folder, fileName, generate, logger, what), Path.Combine(folder, fileName));
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
