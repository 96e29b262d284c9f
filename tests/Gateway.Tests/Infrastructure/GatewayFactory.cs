using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Http;
using Auction.Gateway.Live;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Auction.Gateway.Tests.Infrastructure;

/// <summary>
/// The whole gateway in process (co-hosted silo, the real endpoints and hub) with a fake auction clock, an
/// inspectable journal store, free silo ports, and the publication minimums lowered so listings can be short.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public const string BankSecret = "test-bank-secret";

    /// <summary>Extra settings on top of the test defaults (e.g. an identity provider); set before the first request.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public InMemoryJournalStore Store { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The journal is the in-memory store below, so keys are generated in memory too (no key files written by tests).
        builder.UseSetting("Auction:Storage:Provider", "memory");
        builder.UseSetting("Auction:Silo:SiloPort", FreePort().ToString());
        builder.UseSetting("Auction:Silo:GatewayPort", FreePort().ToString());
        builder.UseSetting("Auction:Rules:MinAnnouncementDays", "0");
        builder.UseSetting("Auction:Rules:MinListingWorkingDays", "0");
        builder.UseSetting("Auction:Rules:MinApplicationLeadHours", "0");
        builder.UseSetting("Auction:Rules:MinDepositRatio", "0");
        builder.UseSetting("Auction:Bank:Secret", BankSecret);
        builder.UseSetting("Auction:RateLimits:BidsPerSecond", "1000");
        builder.UseSetting("Auction:RateLimits:BidBurst", "1000");
        // Every test client of the test server shares one (absent) address: anonymous limits are tested on their own host.
        builder.UseSetting("Auction:RateLimits:AnonymousPerSecond", "100000");
        builder.UseSetting("Auction:RateLimits:AnonymousBurst", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new AuctionClock(Time));
            services.AddSingleton<IJournalStore>(Store);
            services.AddSingleton<IIncomingGrainCallFilter>(GrainCalls);
        });
    }

    /// <summary>Every grain call the co-hosted silo received, for tests that check what a request did not call.</summary>
    public GrainCallLog GrainCalls { get; } = new();

    public DateTimeOffset Now => Time.GetUtcNow();

    public void AdvanceTo(DateTimeOffset instant)
    {
        if (instant > Now) Time.Advance(instant - Now);
    }

    /// <summary>A client carrying a dev token for the given identity (null role: anonymous).</summary>
    public async Task<HttpClient> ClientFor(string? role, string subject = "user", string? centre = null, string? name = null)
    {
        var client = CreateClient();
        if (role is null) return client;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Token(role, subject, centre, name));
        return client;
    }

    public Task<string> Token(string role, string subject, string? centre = null, string? name = null) => Token(this, role, subject, centre, name);

    /// <summary>A dev token minted by <paramref name="host"/> (its own token lifetime applies).</summary>
    public static async Task<string> Token(WebApplicationFactory<Program> host, string role, string subject, string? centre = null, string? name = null)
    {
        using var anonymous = host.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/dev/tokens", new { subject, role, name = name ?? $"{subject} Co., Ltd.", centre });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Posts a signed bank credit exactly as the bank would.</summary>
    public Task<HttpResponseMessage> BankCredit(string account, decimal amount, string bankTxnId, DateTimeOffset creditedAt, string? secret = null) =>
        BankCredit(this, account, amount, bankTxnId, creditedAt, secret);

    public static Task<HttpResponseMessage> BankCredit(WebApplicationFactory<Program> host, string account, decimal amount, string bankTxnId, DateTimeOffset creditedAt, string? secret = null) =>
        BankCallback(host, "/api/bank/credits", JsonSerializer.Serialize(new { account, amount, bankTxnId, creditedAt }, ApiJson.Options), secret);

    /// <summary>Posts a signed bank refund exactly as the bank would (R-COM-10).</summary>
    public Task<HttpResponseMessage> BankRefund(string account, decimal amount, string bankRefId, DateTimeOffset refundedAt, string? secret = null) =>
        BankCallback(this, "/api/bank/refunds", JsonSerializer.Serialize(new { account, amount, bankRefId, refundedAt }, ApiJson.Options), secret);

    /// <summary>Posts <paramref name="body"/> as it is (any JSON, valid or not) to a bank callback, signed with the secret.</summary>
    public static Task<HttpResponseMessage> BankCallback(WebApplicationFactory<Program> host, string path, string body, string? secret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(BankEndpoints.SignatureHeader, BankEndpoints.Sign(Encoding.UTF8.GetBytes(body), secret ?? BankSecret));
        return host.CreateClient().SendAsync(request);
    }

    /// <summary>
    /// A SignalR client over the test server (WebSockets), optionally as an authenticated user, speaking the JSON hub
    /// protocol or, with <paramref name="messagePack"/>, SignalR's stock MessagePack protocol (default options, as any
    /// .NET client would configure it). The test server's socket factory bypasses the client's token handling, so the
    /// token goes into the query string as browsers send it.
    /// </summary>
    public HubConnection HubConnection(string? token = null, bool messagePack = false) => HubConnectionTo(Server, token, messagePack);

    /// <summary>As <see cref="HubConnection(string?, bool)"/>, to any test server (e.g. a <see cref="Variant"/>).</summary>
    public static HubConnection HubConnectionTo(TestServer server, string? token = null, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, ListingsHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (token is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.WebSocketFactory = (context, cancellationToken) =>
                {
                    var uri = new UriBuilder(context.Uri);
                    if (token is not null) uri.Query = (uri.Query.Length > 1 ? uri.Query[1..] + "&" : "") + "access_token=" + Uri.EscapeDataString(token);
                    return new ValueTask<System.Net.WebSockets.WebSocket>(server.CreateWebSocketClient().ConnectAsync(uri.Uri, cancellationToken));
                };
            });
        return (messagePack ? builder.AddMessagePackProtocol() : builder.AddJsonProtocol(o => ApiJson.Configure(o.PayloadSerializerOptions))).Build();
    }

    /// <summary>
    /// A host of its own (own silo ports, own journal store, the same fake clock) with some settings changed, for
    /// tests of limits and logging that must not disturb the shared host. Dispose it at the end of the test.
    /// </summary>
    public WebApplicationFactory<Program> Variant(IReadOnlyDictionary<string, string> settings, Action<IWebHostBuilder>? configure = null) =>
        WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Auction:Silo:SiloPort", FreePort().ToString());
            builder.UseSetting("Auction:Silo:GatewayPort", FreePort().ToString());
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services => services.AddSingleton<IJournalStore>(new InMemoryJournalStore()));
            configure?.Invoke(builder);
        });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Records (interface, method, grain key) of every incoming grain call.</summary>
public sealed class GrainCallLog : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<(string Interface, string Method, string Key)> _calls = new();

    public IReadOnlyList<(string Interface, string Method, string Key)> All => _calls.ToArray();

    public int Count => _calls.Count;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        _calls.Enqueue((context.InterfaceName, context.MethodName, context.TargetId.Key.ToString() ?? ""));
        return context.Invoke();
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "gateway";
}
