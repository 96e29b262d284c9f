using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;

namespace Auction.Bench.Scenarios;

/// <summary>
/// How a bench bidder's bid reaches its listing. <see cref="GrainBidRoute"/> calls the listing grain through the Orleans
/// client (what the engine costs); <see cref="RestBidRoute"/> posts it to the gateway's REST API as a bidder would, so
/// HTTP, JWT validation and the gateway's own work are in the measurement too (S3R).
/// </summary>
internal interface IBidRoute
{
    /// <summary>
    /// One attempt. A rejection is definitive unless it is <see cref="RejectionCodes.StoreUnavailable"/>; an exception
    /// means the outcome is unknown (the caller retries with the same request id).
    /// </summary>
    Task<Outcome<BidReceipt>> Place(string listingId, PlaceBid bid, CancellationToken cancellationToken);
}

internal sealed class GrainBidRoute(IGrainFactory grains) : IBidRoute
{
    public Task<Outcome<BidReceipt>> Place(string listingId, PlaceBid bid, CancellationToken cancellationToken) =>
        grains.GetGrain<IListingGrain>(listingId).PlaceBid(bid);
}

/// <summary>
/// <c>POST /api/listings/{id}/bids</c> with each bidder's own token (<c>POST /api/dev/tokens</c>, fetched once per bidder
/// and reused like a real client's). One connection pool for all bidders, as many connections as bids in flight.
/// </summary>
internal sealed class RestBidRoute : IBidRoute, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new();

    public RestBidRoute(string gatewayUrl)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(handler) { BaseAddress = new Uri(gatewayUrl), Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<Outcome<BidReceipt>> Place(string listingId, PlaceBid bid, CancellationToken cancellationToken)
    {
        var token = await Token(bid.BidderId);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/listings/{listingId}/bids")
        {
            Content = JsonContent.Create(new { amount = bid.Amount, requestId = bid.RequestId }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var body = await response.Content.ReadFromJsonAsync<ReceiptBody>(Json, cancellationToken)
                       ?? throw new InvalidOperationException("201 without a receipt");
            return Outcome<BidReceipt>.Success(new BidReceipt(body.Seq, body.ListingId, body.BidderNo, body.Amount, body.AcceptedAt, body.Phase,
                body.Deadline, response.Headers.Contains("Idempotent-Replay"), body.Hash));
        }
        // A problem with a stable code is the listing's (or gateway's) answer; anything else leaves the outcome unknown.
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? await response.Content.ReadFromJsonAsync<ProblemBody>(Json, cancellationToken)
            : null;
        if (problem?.Code is null) throw new HttpRequestException($"bid answered {(int)response.StatusCode} without a problem code", null, response.StatusCode);
        return new Rejection(problem.Code, problem.Detail ?? problem.Title ?? "");
    }

    private async Task<string> Token(string bidder)
    {
        try
        {
            return await _tokens.GetOrAdd(bidder, b => new Lazy<Task<string>>(() => IssueToken(b))).Value;
        }
        catch (Exception)
        {
            _tokens.TryRemove(bidder, out _); // the next bid asks again
            throw;
        }
    }

    private async Task<string> IssueToken(string bidder)
    {
        using var response = await _http.PostAsJsonAsync("/api/dev/tokens", new { subject = bidder, role = "bidder", name = bidder });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>(Json))!.Token;
    }

    public void Dispose() => _http.Dispose();

    private sealed record ReceiptBody(long Seq, string? Hash, string ListingId, string BidderNo, decimal Amount, DateTimeOffset AcceptedAt, BidPhase Phase, DateTimeOffset? Deadline);

    private sealed record ProblemBody(string? Code, string? Title, string? Detail);

    private sealed record TokenBody(string Token);
}
