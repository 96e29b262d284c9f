using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Auction.Gateway.Live;

/// <summary>The open hub connections by id, so the fan-out can write one pre-serialized event to each of them.</summary>
public interface IHubConnections
{
    /// <summary>The connection's context while it is open; null once it has closed.</summary>
    HubConnectionContext? Find(string connectionId);
}

/// <summary>
/// SignalR's own lifetime manager for <see cref="ListingsHub"/> (groups, <c>Clients.*</c> sends unchanged) that also
/// keeps each open connection's <see cref="HubConnectionContext"/>. The fan-out writes a
/// <see cref="SerializedHubMessage"/> to it, which serializes an event once per protocol for every watcher.
/// </summary>
public sealed class LiveHubLifetimeManager(ILogger<DefaultHubLifetimeManager<ListingsHub>> logger)
    : DefaultHubLifetimeManager<ListingsHub>(logger), IHubConnections
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _open = new(StringComparer.Ordinal);

    public HubConnectionContext? Find(string connectionId) => _open.GetValueOrDefault(connectionId);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _open[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _open.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }
}
