using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auction.Gateway.Auth;

namespace Auction.Gateway.Web;

/// <summary>
/// The one HTML page of the web app, served at <c>/</c> and at every deep link (<c>/listings/{id}</c>, <c>/centre/…</c>).
/// It is rendered once from <c>Web/shell.html</c>: the <c>href</c>/<c>src</c> of static assets become their
/// fingerprinted paths, and the import map gains every script and resource file of <c>wwwroot</c>, so modules import
/// each other by plain paths (<c>./core/api.js</c>) and <c>import.meta.resolve('/i18n/en.json')</c> finds a resource;
/// the browser then fetches only immutable, fingerprinted URLs. The page itself is revalidated on every visit
/// (<c>no-cache</c> + ETag), so a new build is picked up at once. A Content-Security-Policy allows scripts from this
/// origin and the import map by its hash, and connections to this origin and the identity provider.
/// </summary>
public sealed partial class ShellPage
{
    public const string TemplateResource = "Auction.Gateway.Web.shell.html";

    /// <summary>Files the import map lists (scripts, and resources that scripts load by URL).</summary>
    private static readonly string[] MappedExtensions = [".js", ".mjs", ".json", ".css", ".svg"];

    public ShellPage(string template, StaticAssetUrls urls, string? identityProvider)
    {
        var importMap = ImportMap(template, urls);
        Html = Attribute().Replace(ImportMapScript().Replace(template, _ => $"<script type=\"importmap\">{importMap}</script>", 1),
            m => $"{m.Groups["name"].Value}=\"{urls.Resolve(m.Groups["path"].Value)}\"");
        Body = Encoding.UTF8.GetBytes(Html);
        ETag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Body))[..16]}\"";
        ContentSecurityPolicy = string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)))}'",
            // The printable confirmation is opened from a fetched copy, which inherits this policy.
            $"style-src 'self' {ConfirmationPage.StyleSource}",
            "img-src 'self' data:",
            $"connect-src 'self'{Origin(identityProvider)}",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'");
    }

    public string Html { get; }

    public byte[] Body { get; }

    public string ETag { get; }

    public string ContentSecurityPolicy { get; }

    public static string ReadTemplate()
    {
        using var stream = typeof(ShellPage).Assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"{TemplateResource} is not embedded in the gateway");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static ShellPage For(IEndpointRouteBuilder app) =>
        new(ReadTemplate(), StaticAssetUrls.From(app.DataSources.SelectMany(d => d.Endpoints)),
            app.ServiceProvider.GetRequiredService<JwtSettings>().Authority);

    public Task Write(HttpContext context)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = ETag;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        if (context.Request.Headers.IfNoneMatch == ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = Body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(Body).AsTask();
    }

    /// <summary>The template's own imports (bare names such as <c>preact</c>) pointed at fingerprinted paths, plus every mapped file.</summary>
    private static string ImportMap(string template, StaticAssetUrls urls)
    {
        var declared = ImportMapScript().Match(template) is { Success: true } m ? JsonNode.Parse(m.Groups["json"].Value)?["imports"]?.AsObject() : null;
        var imports = new JsonObject();
        foreach (var (name, target) in declared ?? [])
            imports[name] = urls.Resolve(target!.GetValue<string>());
        // A vendored package's own package.json is there for its licence and version, not for the app to load.
        foreach (var (path, fingerprinted) in urls.All.Where(a => MappedExtensions.Contains(Path.GetExtension(a.Key)) && Path.GetFileName(a.Key) != "package.json"))
            imports[path] = fingerprinted;
        return new JsonObject { ["imports"] = imports }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Origin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";

    [GeneratedRegex("""<script type="importmap">(?<json>.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex ImportMapScript();

    [GeneratedRegex("(?<name>href|src)=\"(?<path>/[^\"]*)\"")]
    private static partial Regex Attribute();
}
