using Auction.Contracts.Diagnostics;

namespace Auction.Silo.Diagnostics;

[GrainType("ping")]
public sealed class PingGrain : Grain, IPingGrain
{
    public Task<long> Ping(long value) => Task.FromResult(value);
}
