using Auction.Contracts.Live;

namespace Auction.Silo.Live;

/// <summary>
/// Who listens for live events. In memory on purpose: gateways re-register every few seconds, so after a
/// silo failure the registry refills by itself, and an entry not renewed for <see cref="Expiry"/> is dropped.
/// </summary>
[GrainType("live-registry")]
public sealed class LiveGatewayRegistryGrain : Grain, ILiveGatewayRegistryGrain
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, (ILiveEventObserver Observer, DateTimeOffset RenewedAt)> _gateways = new(StringComparer.Ordinal);

    public Task Register(string gatewayId, ILiveEventObserver observer)
    {
        _gateways[gatewayId] = (observer, DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public Task Unregister(string gatewayId)
    {
        _gateways.Remove(gatewayId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ILiveEventObserver>> GetObservers()
    {
        var now = DateTimeOffset.UtcNow; // process liveness, not trade time: the real clock
        foreach (var stale in _gateways.Where(g => now - g.Value.RenewedAt > Expiry).Select(g => g.Key).ToArray()) _gateways.Remove(stale);
        IReadOnlyList<ILiveEventObserver> observers = _gateways.Values.Select(g => g.Observer).ToArray();
        return Task.FromResult(observers);
    }
}
