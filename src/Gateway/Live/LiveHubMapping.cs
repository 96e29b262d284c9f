namespace Auction.Gateway.Live;

public static class LiveHubMapping
{
    /// <summary>
    /// Maps the hub. A connection opened with a token closes when the token expires (the client reconnects with a
    /// fresh one), so a revoked or expired identity cannot keep bidding over an old socket.
    /// </summary>
    public static WebApplication MapListingsHub(this WebApplication app)
    {
        app.MapHub<ListingsHub>(ListingsHub.Path, options => options.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
