namespace Auction.Gateway.Hosting;

/// <summary>
/// Where the gateway listens, as in any ASP.NET app: <c>--urls</c> / <c>ASPNETCORE_URLS</c> and Kestrel endpoint
/// configuration win; then <c>Auction:Urls</c>; then <c>ASPNETCORE_HTTP_PORTS</c> / <c>HTTPS_PORTS</c> (the
/// container images set HTTP_PORTS=8080); with none of them, http://127.0.0.1:5080 (loopback only).
/// </summary>
public static class ListenUrls
{
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>The URLs to give Kestrel, or null when ASP.NET's own settings decide.</summary>
    public static string? Choose(IConfiguration configuration)
    {
        if (configuration.GetSection("Kestrel:Endpoints").GetChildren().Any() || Set(configuration["urls"])) return null;
        if (Set(configuration["Auction:Urls"])) return configuration["Auction:Urls"];
        return Set(configuration["http_ports"]) || Set(configuration["https_ports"]) ? null : Default;
    }

    public static WebApplicationBuilder UseListenUrls(this WebApplicationBuilder builder)
    {
        if (Choose(builder.Configuration) is { } urls) builder.WebHost.UseUrls(urls);
        return builder;
    }

    private static bool Set(string? value) => !string.IsNullOrWhiteSpace(value);
}
