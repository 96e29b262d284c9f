using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Gateway.Tests.Live;

/// <summary>
/// A hub connection opened with a token closes when the token expires (issue 8, item 4), so an expired or revoked
/// identity cannot keep bidding over an old socket. Its own host issues dev tokens that live 3 seconds.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TokenExpiryTests(GatewayFactory factory)
{
    [Fact]
    public async Task A_hub_connection_closes_when_its_token_expires_and_an_anonymous_one_stays_open()
    {
        await using var host = factory.Variant(new Dictionary<string, string> { ["Auction:Jwt:DevTokenLifetime"] = "00:00:03" });
        var api = new ApiDriver(factory, host);
        var listing = await api.Publish(await api.Centre());
        var bidder = await api.Bidder();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(3);

        await using var authenticated = api.Hub(bidder.Token);
        await using var anonymous = api.Hub(null);
        var closed = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        authenticated.Closed += _ =>
        {
            closed.TrySetResult(DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        };
        await authenticated.StartAsync();
        await anonymous.StartAsync();
        await authenticated.InvokeAsync<JsonElement>("Watch", listing.Id, 0L);
        await anonymous.InvokeAsync<JsonElement>("Watch", listing.Id, 0L);

        var closedAt = await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(closedAt >= expiresAt.AddSeconds(-1), $"closed at {closedAt:O}, before the token expired at {expiresAt:O}");
        Assert.Equal(HubConnectionState.Disconnected, authenticated.State);
        Assert.Equal(HubConnectionState.Connected, anonymous.State);
        await anonymous.InvokeAsync<JsonElement>("Watch", listing.Id, 0L);
    }
}
