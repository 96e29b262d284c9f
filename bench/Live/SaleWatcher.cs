using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Bench.Live;

/// <summary>
/// One anonymous watcher of a sale on the gateway's hub, as the public sees it: notes when the first event of each
/// type arrives (those before the watch: when the watch answered) (UTC on this machine, the clock the server's deadlines are set by), for deadline → event delays.
/// </summary>
public sealed class SaleWatcher : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Arrival>> _firsts = new(StringComparer.Ordinal);

    private SaleWatcher(HubConnection connection) => _connection = connection;

    public sealed record Arrival(JsonElement Event, DateTimeOffset ReceivedAt);

    public static async Task<SaleWatcher> Start(string gatewayUrl, string listingId, CancellationToken cancellationToken)
    {
        var watcher = new SaleWatcher(new HubConnectionBuilder().WithUrl(gatewayUrl + "/hubs/listings").Build());
        watcher._connection.On<JsonElement>("ListingEvent", watcher.Receive);
        await watcher._connection.StartAsync(cancellationToken);
        var watch = await watcher._connection.InvokeAsync<JsonElement>("Watch", listingId, 0L, cancellationToken);
        foreach (var missed in watch.GetProperty("missed").EnumerateArray()) watcher.Receive(missed);
        return watcher;
    }

    /// <summary>The first event of <paramref name="type"/> and when it arrived; fails after <paramref name="timeout"/>.</summary>
    public Task<Arrival> First(string type, TimeSpan timeout) => Slot(type).Task.WaitAsync(timeout);

    private void Receive(JsonElement e)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        Slot(e.GetProperty("type").GetString()!).TrySetResult(new Arrival(e.Clone(), receivedAt));
    }

    private TaskCompletionSource<Arrival> Slot(string type) =>
        _firsts.GetOrAdd(type, _ => new TaskCompletionSource<Arrival>(TaskCreationOptions.RunContinuationsAsynchronously));

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
