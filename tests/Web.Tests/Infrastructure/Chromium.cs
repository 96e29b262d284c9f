namespace Auction.Web.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, launched by path (browser downloads are not possible here). As root it needs --no-sandbox; the
/// other switches stop its background traffic (updates, sync, safe browsing), which this machine's closed network
/// would refuse many times a second.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
        "--metrics-recording-only", "--no-default-browser-check", "--disable-dev-shm-usage",
    ];

    public static async Task<IBrowser> Launch(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: apt-get install -y chromium (scripts/ensure-test-tools.sh does it).");
        return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Args = Arguments, Headless = true });
    }
}
