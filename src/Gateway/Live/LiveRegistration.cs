using Auction.Contracts.Live;

namespace Auction.Gateway.Live;

/// <summary>
/// Cluster mode: keeps this gateway's <see cref="LiveEvents"/> registered with the silos as an observer, renewing
/// it well inside the registry's expiry, so every gateway receives each listing event exactly once.
/// </summary>
public sealed class LiveRegistration(IClusterClient cluster, LiveEvents live, ILogger<LiveRegistration> logger) : BackgroundService
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    private readonly string _gatewayId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var observer = cluster.CreateObjectReference<ILiveEventObserver>(live);
        var registry = cluster.GetGrain<ILiveGatewayRegistryGrain>(0);
        using var timer = new PeriodicTimer(RenewEvery);
        try
        {
            do
            {
                try
                {
                    await registry.Register(_gatewayId, observer);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not register gateway {Gateway} for live events; retrying", _gatewayId);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            try
            {
                await registry.Unregister(_gatewayId).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Gateway {Gateway} left without unregistering; the registry expires it", _gatewayId);
            }
            cluster.DeleteObjectReference<ILiveEventObserver>(observer);
        }
    }
}
