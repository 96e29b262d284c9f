namespace Auction.Contracts.Diagnostics;

/// <summary>A grain call that does nothing: the cost of Orleans itself (benchmark baseline B2, operator checks).</summary>
[Alias("auction.ping")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("ping")] Task<long> Ping(long value);
}
