using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Gateway.Tests.Flows;

/// <summary>
/// Bidder counts are kept from competitors (issue 8, item 7; API.md v2): before the close no public view — the
/// listing, the list, the hub's snapshot — carries the number of qualified bidders; once the listing has ended it may.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ConfidentialityTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task No_public_view_shows_the_number_of_qualified_bidders_before_the_close()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        foreach (var label in new[] { "alpha", "beta", "gamma" }) await _api.Qualify(await _api.Bidder(label), listing.Id);
        factory.AdvanceTo(listing.StartsAt);

        await using var watcher = factory.HubConnection();
        await watcher.StartAsync();
        var views = new[]
        {
            listing.View,
            await _api.Listing(listing.Id),
            Assert.Single(await _api.Listings($"centre={centre.Centre}")),
            (await watcher.InvokeAsync<JsonElement>("Watch", listing.Id, 0L)).GetProperty("snapshot"),
        };
        foreach (var view in views)
        {
            Assert.False(view.TryGetProperty("qualifiedBidders", out _), view.GetRawText());
            Assert.DoesNotContain("qualified", view.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }

        // Once it has ended, the result notice may say how many took part.
        factory.AdvanceTo(listing.EndsAt.AddSeconds(1));
        var ended = await _api.Listing(listing.Id);
        Assert.Equal("failed", ended.GetProperty("status").GetString());
        Assert.Equal(3, ended.GetProperty("qualifiedBidders").GetInt32());
    }
}
