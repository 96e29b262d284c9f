using System.Net;
using System.Text.Json;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Http;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.Records;

/// <summary>
/// The reserve encrypted at rest (issue 8 item 5, DOMAIN §11.1), through the API: after a listing is published with a
/// reserve and another gets one sealed later, nothing in the whole journal store holds either value, in any
/// formatting, nor a plain hash of a request that carried one; the regulator still sees both.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SealedReserveTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task No_stored_entry_holds_a_reserve_or_a_plain_hash_of_a_request_that_carried_one()
    {
        var centre = await _api.Centre();
        var body = _api.ListingBody(startingPrice: 900_000m, increment: 100m, deposit: 1000m, reservePrice: 987_654.32m);
        var first = await _api.Publish(centre, body);
        Assert.Equal("true", (await ApiDriver.PostJson(centre.Client, "/api/listings", body)).Headers.GetValues("Idempotent-Replay").Single());
        var otherReserve = JsonSerializer.Deserialize<System.Text.Json.Nodes.JsonObject>(body.ToJsonString())!;
        otherReserve["reservePrice"] = 987_654.33m;
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", otherReserve), HttpStatusCode.Conflict, "IDEMPOTENCY_MISMATCH");

        var second = await _api.Publish(centre, _api.ListingBody(startingPrice: 800_000m, increment: 100m, deposit: 1000m));
        Assert.Equal(HttpStatusCode.NoContent, (await ApiDriver.PostJson(centre.Client, $"/api/listings/{second.Id}/reserve", new { reservePrice = 876_543.21m })).StatusCode);

        var regulator = await _api.Regulator();
        foreach (var (id, reserve) in new[] { (first.Id, 987_654.32m), (second.Id, 876_543.21m) })
        {
            var record = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{id}/record"), HttpStatusCode.OK);
            Assert.Equal(reserve, record.GetProperty("reservePrice").GetDecimal());
        }

        var plainFingerprint = IdempotentRequests.Fingerprint(JsonSerializer.Deserialize<CreateListingRequest>(body.ToJsonString(), ApiJson.Options)!);
        var stored = factory.Store.AllEntriesForTest().Select(e => $"{e.Type} {e.Data} {e.Hash}").ToArray();
        foreach (var needle in new[] { "987654.32", "98765432", "987,654.32", "876543.21", "87654321", "876,543.21", plainFingerprint })
            Assert.DoesNotContain(stored, text => text.Contains(needle, StringComparison.Ordinal));
        Assert.Contains(stored, text => text.StartsWith("responseRecorded", StringComparison.Ordinal) && text.Contains(first.Id, StringComparison.Ordinal));
    }
}
