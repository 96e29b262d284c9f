namespace Auction.Gateway.Web;

/// <summary>
/// The web app (ARCHITECTURE §3a): static files of <c>wwwroot</c>, fingerprinted and compressed at build time and
/// served by <c>MapStaticAssets</c>, and the shell page for <c>/</c> and every deep link. No build step at run time and
/// no second process: the embedded gateway and each gateway of a cluster serve it alike.
/// </summary>
public static class WebAppHosting
{
    /// <summary>Paths that keep their own answers: an unknown <c>/api/…</c> stays a JSON 404, never the shell.</summary>
    public static readonly string[] ReservedPrefixes = ["/api", "/hubs", "/health", "/metrics", "/openapi", "/scalar", "/app", "/lib", "/i18n"];

    /// <summary>ASP.NET Core's switch for the development-time handler of changed static files.</summary>
    public const string ReloadAtRuntimeSetting = "ReloadStaticAssetsAtRuntime";

    /// <summary>
    /// Serves the build's assets as built, in every environment: the development-time handler (on by default in
    /// Development) re-gzips any file it takes for changed without compression and turns off caching, so the page
    /// would not load what production loads. Edit wwwroot, then restart (<c>dotnet run</c> rebuilds). A configured
    /// value wins.
    /// </summary>
    public static WebApplicationBuilder AddWebApp(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[ReloadAtRuntimeSetting] is null)
            builder.Configuration.AddInMemoryCollection([new(ReloadAtRuntimeSetting, "false")]);
        return builder;
    }

    public static WebApplication MapWebApp(this WebApplication app)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{app.Environment.ApplicationName}.staticwebassets.endpoints.json");
        if (File.Exists(manifest))
            // A page load is ~30 files; they are cheap and must not spend an office's shared anonymous API budget.
            app.MapStaticAssets().DisableRateLimiting();
        else
            app.Logger.LogWarning("No static web assets manifest at {Manifest}: the web app is not served (build the gateway project)", manifest);

        return app;
    }

    /// <summary>
    /// The shell for a browser's navigation that no endpoint took (GET or HEAD, HTML accepted, outside the reserved
    /// prefixes). A middleware after routing rather than a fallback route: a route would become a candidate of every
    /// path and turn the API's 405 and 415 answers into 404s. Placed before the rate limiter: one page, many API calls.
    /// </summary>
    public static WebApplication UseWebAppShell(this WebApplication app)
    {
        var shell = new Lazy<ShellPage>(() => ShellPage.For(app), LazyThreadSafetyMode.ExecutionAndPublication);
        app.Use((context, next) => context.GetEndpoint() is null && IsPage(context.Request) ? shell.Value.Write(context) : next(context));
        return app;
    }

    /// <summary>
    /// A browser asking for a page: GET or HEAD with HTML accepted, as every navigation does (<c>/</c> for anyone), at a
    /// path that is neither the API's nor an asset's. Other clients keep the API's JSON 404 at unknown paths.
    /// </summary>
    public static bool IsPage(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !ReservedPrefixes.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        && !Path.HasExtension(request.Path.Value)
        && (request.Path == "/" || request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase));
}
