using Auction.TestSupport;

namespace Auction.Gateway.Tests.Hardening;

/// <summary>
/// The built gateway dll as a real embedded process on free loopback ports with its own SQLite folder, in the
/// environment a test names (ServiceProcess defaults to Development; the production tests say Production).
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("auction-gateway-").FullName;

    private GatewayProcess(string environment, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> arguments, string? urls)
    {
        BaseUrl = urls ?? $"http://127.0.0.1:{FreePorts.Next()}";
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Auction__Silo__SiloPort"] = FreePorts.Next().ToString(),
            ["Auction__Silo__GatewayPort"] = FreePorts.Next().ToString(),
            ["Auction__Storage__SqlitePath"] = Path.Combine(_data, "auction.db"),
        };
        if (urls is null) variables["Auction__Urls"] = BaseUrl;
        foreach (var (key, value) in settings) variables[key] = value;
        Process = ServiceProcess.Start($"gateway-{environment.ToLowerInvariant()}", ServiceProcess.BuiltDll("src/Gateway", "Auction.Gateway"), arguments, variables);
    }

    public ServiceProcess Process { get; }

    public string BaseUrl { get; }

    /// <param name="urls">When set, the process gets no <c>Auction:Urls</c>: the arguments or settings must say where it listens.</param>
    public static GatewayProcess Start(string environment, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string>? arguments = null, string? urls = null) =>
        new(environment, settings, arguments ?? [], urls);

    public async Task<GatewayProcess> Ready()
    {
        await Process.WaitHealthy($"{BaseUrl}/health/ready", TimeSpan.FromSeconds(60));
        return this;
    }

    public HttpClient Client() => new() { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        Process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
