using System.Text;
using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.BadInput;

/// <summary>
/// Issue: every malformed, oversized, unauthenticated, unauthorised or otherwise bad request gets a clear 4xx
/// problem response with a stable <c>code</c> and changes nothing; no request produces a 500. The corpus is
/// replayed against the running gateway with a real listing (reserve, two applicants, one qualified, bidding
/// open, one accepted bid). No problem detail shows a .NET type or parameter name.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BadRequestCorpusTests(GatewayFactory factory)
{
    [Fact]
    public void The_corpus_is_large_and_its_names_are_unique()
    {
        Assert.True(BadRequestCorpus.Cases.Count >= 40, $"only {BadRequestCorpus.Cases.Count} cases");
        Assert.Equal(BadRequestCorpus.Cases.Count, BadRequestCorpus.Cases.Select(c => c.Name).Distinct().Count());
        Assert.All(BadRequestCorpus.Cases, c => Assert.InRange(c.Status, 400, 499));
    }

    [Theory]
    [MemberData(nameof(BadRequestCorpus.Names), MemberType = typeof(BadRequestCorpus))]
    public async Task Each_bad_request_gets_its_problem(string name)
    {
        var scenario = await BadInputScenario.For(factory);
        var failure = await Check(scenario, BadRequestCorpus.Named(name));
        Assert.True(failure is null, failure);
    }

    [Fact]
    public async Task Replaying_the_whole_corpus_changes_nothing()
    {
        var scenario = await BadInputScenario.For(factory);
        var before = await scenario.Capture();

        var failures = new List<string>();
        foreach (var badRequest in BadRequestCorpus.Cases)
            if (await Check(scenario, badRequest) is { } failure) failures.Add(failure);

        var after = await scenario.Capture();
        foreach (var (part, text) in before)
            if (after[part] != text) failures.Add($"state '{part}' changed:\n  before: {text}\n  after:  {after[part]}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Sanity: the scenario is what the corpus assumes (one accepted bid, one qualified bidder, bidding open).
        using var view = JsonDocument.Parse(before["view"]);
        Assert.Equal(1, view.RootElement.GetProperty("bidCount").GetInt32());
        using var applications = JsonDocument.Parse(before["applications"]);
        Assert.Equal(1, applications.RootElement.EnumerateArray().Count(a => a.GetProperty("status").GetString() == "qualified"));
        Assert.Equal(BadInputScenario.FirstBid, view.RootElement.GetProperty("currentPrice").GetDecimal());
        Assert.Equal("open", view.RootElement.GetProperty("status").GetString());
        Assert.True(view.RootElement.GetProperty("hasReserve").GetBoolean());
    }

    /// <summary>Null when the answer is the expected problem, else a description of what came back.</summary>
    private async Task<string?> Check(BadInputScenario scenario, BadRequestCase badRequest)
    {
        using var client = factory.CreateClient();
        using var request = badRequest.Build(scenario);
        var described = $"{badRequest.Name} ({request.Method} {request.RequestUri})";
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (Exception ex)
        {
            return $"{described}: the request failed with {ex.GetType().Name}: {ex.Message}";
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            var problems = new StringBuilder();
            if (status != badRequest.Status) problems.Append($" status {status}, expected {badRequest.Status};");
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                problems.Append($" content type '{response.Content.Headers.ContentType}';");
            string? code = null;
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (json.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String) code = c.GetString();
                    if (!json.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != status)
                        problems.Append(" problem 'status' does not match the HTTP status;");
                }
            }
            catch (JsonException)
            {
                problems.Append(" body is not JSON;");
            }
            if (Leak(body) is { } leak) problems.Append($" the problem shows .NET internals ('{leak}');");
            if (string.IsNullOrEmpty(code)) problems.Append(" no code;");
            else if (code != badRequest.Code) problems.Append($" code {code}, expected {badRequest.Code};");
            return problems.Length == 0 ? null : $"{described}:{problems} body: {Truncate(body)}";
        }
    }

    /// <summary>
    /// .NET type or parameter names a client must never see: namespaces, the binder types, CLR type names, and the
    /// request records of the gateway (<c>CreateListingRequest request</c>).
    /// </summary>
    private static readonly string[] Internals =
    [
        "System.", "Auction.", "Microsoft.", "QueryEnum", "QueryTime", "Nullable", "DateTimeOffset", "Decimal", "Int32", "Int64",
        "Boolean", "JsonElement", "`1", "parameter \"",
        .. typeof(Auction.Gateway.Endpoints.BidRequest).Assembly.GetExportedTypes().Where(t => t.Name.EndsWith("Request", StringComparison.Ordinal)).Select(t => t.Name),
    ];

    private static string? Leak(string body) => Internals.FirstOrDefault(i => body.Contains(i, StringComparison.Ordinal));

    private static string Truncate(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
