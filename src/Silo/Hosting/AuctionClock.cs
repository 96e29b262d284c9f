namespace Auction.Silo.Hosting;

/// <summary>
/// The server clock of the engine (R-CONV-3): every deadline and bid timestamp comes from it. A wrapper
/// rather than the container's <see cref="TimeProvider"/> so tests can fake the auction's time without
/// also faking the clocks Orleans uses for membership and timeouts.
/// </summary>
public sealed class AuctionClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}
