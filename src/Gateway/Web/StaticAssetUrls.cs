using Microsoft.AspNetCore.StaticAssets;

namespace Auction.Gateway.Web;

/// <summary>
/// Where each file of <c>wwwroot</c> is served under its content fingerprint. <c>MapStaticAssets</c> serves every file
/// twice: at its own path (<c>/app/main.js</c>, revalidated on each use) and at a fingerprinted path
/// (<c>/app/main.k3x9q2.js</c>, cached for a year as immutable); the build records the pair in each endpoint's
/// <see cref="StaticAssetDescriptor"/> (the <c>label</c> property names the plain path). Compressed variants are the
/// same routes with a content-encoding selector, so they are skipped.
/// </summary>
public sealed class StaticAssetUrls
{
    private readonly IReadOnlyDictionary<string, string> _byPath;

    private StaticAssetUrls(IReadOnlyDictionary<string, string> byPath) => _byPath = byPath;

    /// <summary>Plain path → fingerprinted path, both rooted (<c>/app/main.js</c> → <c>/app/main.k3x9q2.js</c>).</summary>
    public IReadOnlyDictionary<string, string> All => _byPath;

    public static StaticAssetUrls From(IEnumerable<Endpoint> endpoints)
    {
        var byPath = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var descriptor in endpoints.Select(e => e.Metadata.GetMetadata<StaticAssetDescriptor>()).OfType<StaticAssetDescriptor>())
        {
            if (descriptor.Selectors.Count > 0) continue;
            var label = descriptor.Properties.FirstOrDefault(p => p.Name == "label")?.Value;
            if (label is not null) byPath["/" + label.TrimStart('/')] = "/" + descriptor.Route.TrimStart('/');
        }
        return new StaticAssetUrls(byPath);
    }

    /// <summary>The fingerprinted path of <paramref name="path"/>, or the path itself when it is not a static asset.</summary>
    public string Resolve(string path) => _byPath.TryGetValue(path, out var fingerprinted) ? fingerprinted : path;
}
