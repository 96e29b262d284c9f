using System.Net;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.Limits;

/// <summary>
/// Made-up listing ids (issue 8, item 4): every <c>{id}</c> route answers 404 <c>LISTING_NOT_FOUND</c> for an id that
/// cannot be a listing's, and no grain is called (so none is activated) for it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ListingIdTests(GatewayFactory factory)
{
    public static readonly string[] MadeUp =
    [
        "x", "L", "L0123", "LABCDEF0123456789", "L0123456789abcdeg", "l0123456789abcdef", "M0123456789abcdef",
        "L0123456789abcdef0", "L0123456789abcde", "L０123456789abcdef", new string('a', 2000), "L0123456789abcde%20",
    ];

    private readonly ApiDriver _api = new(factory);

    [Theory]
    [InlineData("L0123456789abcdef", true)]
    [InlineData("L00000000deadbeef", true)]
    [InlineData("LABCDEF0123456789", false)]
    [InlineData("L0123456789abcdeg", false)]
    [InlineData("L0123456789abcde", false)]
    [InlineData("L0123456789abcdef0", false)]
    [InlineData("X0123456789abcdef", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_listing_id_is_L_and_16_lowercase_hex_digits(string? id, bool wellFormed)
    {
        Assert.Equal(wellFormed, ListingIds.IsWellFormed(id));
        Assert.True(ListingIds.IsWellFormed(ListingIds.For("centre-1", "request-1")));
    }

    [Fact]
    public async Task Every_id_route_refuses_a_made_up_id_with_404_LISTING_NOT_FOUND_before_any_grain_call()
    {
        var centre = await _api.Centre();
        var bidder = await _api.Bidder();
        var regulator = await _api.Regulator();
        var callsBefore = factory.GrainCalls.Count;
        foreach (var raw in MadeUp)
        {
            var id = Uri.EscapeDataString(raw);
            var requests = new (HttpClient Client, HttpMethod Method, string Path, object? Body)[]
            {
                (_api.Anonymous, HttpMethod.Get, $"/api/listings/{id}", null),
                (_api.Anonymous, HttpMethod.Get, $"/api/listings/{id}/bids", null),
                (_api.Anonymous, HttpMethod.Get, $"/api/listings/{id}/events", null),
                (_api.Anonymous, HttpMethod.Get, $"/api/listings/{id}/result", null),
                (bidder.Client, HttpMethod.Post, $"/api/listings/{id}/bids", new { amount = 1000m, requestId = "made-up" }),
                (bidder.Client, HttpMethod.Post, $"/api/listings/{id}/applications", new { requestId = "made-up" }),
                (bidder.Client, HttpMethod.Get, $"/api/listings/{id}/applications/mine", null),
                (centre.Client, HttpMethod.Get, $"/api/listings/{id}/applications", null),
                (centre.Client, HttpMethod.Post, $"/api/listings/{id}/reserve", new { reservePrice = 2000m }),
                (centre.Client, HttpMethod.Post, $"/api/listings/{id}/suspend", new { reason = "made-up" }),
                (centre.Client, HttpMethod.Post, $"/api/listings/{id}/resume", new { }),
                (centre.Client, HttpMethod.Post, $"/api/listings/{id}/terminate", new { reason = "made-up" }),
                (regulator.Client, HttpMethod.Get, $"/api/regulator/listings/{id}/record", null),
                (regulator.Client, HttpMethod.Get, $"/api/regulator/listings/{id}/record/verify", null),
            };
            foreach (var (client, method, path, body) in requests)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
                var problem = await ApiDriver.ExpectProblem(await client.SendAsync(request), HttpStatusCode.NotFound, "LISTING_NOT_FOUND");
                if (raw.Length > 100) Assert.DoesNotContain(raw, problem.GetProperty("detail").GetString()!); // junk is not echoed back
            }
        }
        var madeUp = MadeUp.ToHashSet();
        Assert.DoesNotContain(factory.GrainCalls.All.Skip(callsBefore), call => madeUp.Contains(call.Key));
    }
}
