namespace Auction.Gateway.Live;

/// <summary>Settings under <c>Auction:Live</c> that bound what one hub connection may ask for.</summary>
public sealed class LiveSettings
{
    public int MaxWatchesPerConnection { get; set; } = 20;

    /// <summary>API.md: <c>Watch</c> returns at most this many missed events (then <c>hasMore</c>); fixed by the contract.</summary>
    public const int MaxMissed = 1000;
}
