namespace Auction.Bench.Scenarios;

/// <summary>The plain SignalR hub of baseline B3 (placeholder until B3 lands).</summary>
public static class B3Server
{
    public static Task<int> Run(string[] args) => Task.FromResult(1);
}
