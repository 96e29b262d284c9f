using System.Net;
using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.Api;

/// <summary>
/// Issue 8 item 8: the OpenAPI document describes what a client needs to call the API — request and response
/// schemas, the problem responses with their <c>code</c>, the bearer scheme — and Development serves an
/// interactive reference.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OpenApiTests(GatewayFactory factory)
{
    [Fact]
    public async Task The_document_has_the_bearer_scheme_and_every_protected_operation_requires_it()
    {
        var document = await Document();
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer", "JWT"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString(), bearer.GetProperty("bearerFormat").GetString()));

        Assert.True(Operation(document, "post", "/api/listings").GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.True(Operation(document, "get", "/api/regulator/awards").GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.True(Operation(document, "post", "/api/listings/{id}/bids").GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.False(Operation(document, "get", "/api/listings/{id}").TryGetProperty("security", out _));
        Assert.False(Operation(document, "post", "/api/bank/credits").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Every_API_operation_documents_its_success_body_and_its_problem_responses_with_code()
    {
        var document = await Document();
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("Problem");
        Assert.Contains("code", problem.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(problem.GetProperty("properties").TryGetProperty("errors", out _));

        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Name: $"{o.Name.ToUpperInvariant()} {p.Name}", Operation: o.Value)))
            .ToArray();
        Assert.True(operations.Length >= 19, $"only {operations.Length} operations");
        foreach (var (name, operation) in operations)
        {
            var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            var success = responses.Where(r => r.Key.StartsWith('2')).ToArray();
            Assert.True(success.Length == 1, $"{name}: success responses {string.Join(", ", success.Select(s => s.Key))}");
            Assert.True(success[0].Key == "204" || success[0].Value.TryGetProperty("content", out _), $"{name}: no body schema for {success[0].Key}");
            foreach (var status in new[] { "400", "503" })
                Assert.True(responses.ContainsKey(status), $"{name}: no {status}");
            foreach (var (status, response) in responses.Where(r => !r.Key.StartsWith('2')))
                Assert.Equal("#/components/schemas/Problem",
                    response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        }

        var create = Operation(document, "post", "/api/listings");
        Assert.Equal("#/components/schemas/CreateListingRequest", create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/ListingSnapshot", create.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        foreach (var status in new[] { "401", "403", "409", "413", "415", "422" }) Assert.True(create.GetProperty("responses").TryGetProperty(status, out _), $"create: no {status}");
        Assert.True(Operation(document, "post", "/api/listings/{id}/bids").GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(Operation(document, "get", "/api/listings/{id}").GetProperty("responses").TryGetProperty("404", out _));
        var bank = Operation(document, "post", "/api/bank/credits");
        Assert.Equal("#/components/schemas/BankCreditRequest", bank.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task Schemas_say_money_is_a_decimal_number_times_are_date_times_and_query_values_list_their_choices()
    {
        var document = await Document();
        var view = document.GetProperty("components").GetProperty("schemas").GetProperty("ListingSnapshot").GetProperty("properties");
        Assert.Equal(("number", "decimal"), (view.GetProperty("startingPrice").GetProperty("type").GetString(), view.GetProperty("startingPrice").GetProperty("format").GetString()));
        Assert.Equal(("string", "date-time"), (view.GetProperty("biddingStartsAt").GetProperty("type").GetString(), view.GetProperty("biddingStartsAt").GetProperty("format").GetString()));

        var status = Operation(document, "get", "/api/listings").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "status");
        Assert.Contains("timedBidding", status.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var from = Operation(document, "get", "/api/regulator/awards").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "from");
        Assert.Equal("date-time", from.GetProperty("schema").GetProperty("format").GetString());
    }

    [Fact]
    public async Task Development_serves_the_interactive_reference()
    {
        var response = await factory.CreateClient().GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", page);
        Assert.Contains("scalar.js", page); // served by the gateway itself, no CDN
    }

    private async Task<JsonElement> Document()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement Operation(JsonElement document, string method, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);
}
