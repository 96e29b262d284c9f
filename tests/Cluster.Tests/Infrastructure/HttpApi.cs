using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Auction.Cluster.Tests.Infrastructure;

/// <summary>API.md over real HTTP against one gateway: tokens, publication, applications, bank credits, bids.</summary>
public sealed class HttpApi(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    public string BaseUrl { get; } = baseUrl;

    public async Task<string> Token(string role, string subject, string? centre = null)
    {
        var response = await _http.PostAsJsonAsync("/api/dev/tokens", new { subject, role, name = $"{subject} Co., Ltd.", centre });
        return (await Json(response, HttpStatusCode.OK)).GetProperty("token").GetString()!;
    }

    public async Task<DateTimeOffset> ServerTime() =>
        (await Json(await _http.GetAsync("/api/time"), HttpStatusCode.OK)).GetProperty("serverTime").GetDateTimeOffset();

    /// <summary>A commercial listing, plain listing rule, opening <paramref name="opensIn"/> from server time.</summary>
    public async Task<string> Publish(string centreToken, TimeSpan opensIn, TimeSpan lasts)
    {
        var now = await ServerTime();
        var body = new
        {
            requestId = Guid.NewGuid().ToString("N"),
            parcel = new { parcelNo = "CL-1", location = "loopback", countyCode = "320585", use = "commercial", areaM2 = 10000, termYears = 40 },
            biddingStartsAt = now + opensIn,
            biddingEndsAt = now + opensIn + lasts,
            applicationDeadline = now + opensIn + lasts - TimeSpan.FromSeconds(2),
            depositDeadline = now + opensIn + lasts - TimeSpan.FromSeconds(2),
            startingPrice = 1000, increment = 10, deposit = 100,
            timedBidding = new { style = "none" },
        };
        return (await Json(await Send(HttpMethod.Post, "/api/listings", centreToken, body), HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    /// <summary>Applies and pays the deposit through the signed bank callback; returns the bidder number.</summary>
    public async Task<string> Qualify(string listingId, string bidderToken)
    {
        var application = await Json(await Send(HttpMethod.Post, $"/api/listings/{listingId}/applications", bidderToken, new { requestId = "apply" }), HttpStatusCode.Created);
        var credit = JsonSerializer.Serialize(new
        {
            account = application.GetProperty("depositAccount").GetString(),
            amount = application.GetProperty("depositDue").GetDecimal(),
            bankTxnId = Guid.NewGuid().ToString("N"),
            creditedAt = await ServerTime(),
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/bank/credits") { Content = new StringContent(credit, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Bank-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Topology.BankSecret), Encoding.UTF8.GetBytes(credit))));
        await Json(await _http.SendAsync(request), HttpStatusCode.OK);
        var mine = await Json(await Send(HttpMethod.Get, $"/api/listings/{listingId}/applications/mine", bidderToken, null), HttpStatusCode.OK);
        return mine.GetProperty("bidderNo").GetString()!;
    }

    public async Task WaitStatus(string listingId, string status, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var view = await Json(await _http.GetAsync($"/api/listings/{listingId}"), HttpStatusCode.OK);
            if (view.GetProperty("status").GetString() == status) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"listing {listingId} did not become {status}");
    }

    /// <summary>
    /// Places a bid and retries the same request (same requestId) while the outcome is unknown (503, 5xx,
    /// or no answer), as a well-behaved client must, until a definitive answer. Returns the status and body.
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> BidUntilDefinitive(string listingId, string bidderToken, decimal amount, string requestId, TimeSpan giveUpAfter)
    {
        var until = DateTime.UtcNow + giveUpAfter;
        while (true)
        {
            try
            {
                var response = await Send(HttpMethod.Post, $"/api/listings/{listingId}/bids", bidderToken, new { amount, requestId });
                if ((int)response.StatusCode < 500)
                    return (response.StatusCode, JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"bid {requestId} got no definitive answer within {giveUpAfter}");
            await Task.Delay(100);
        }
    }

    public async Task<JsonElement> Get(string route, string? token = null) =>
        await Json(await Send(HttpMethod.Get, route, token, null), HttpStatusCode.OK);

    private Task<HttpResponseMessage> Send(HttpMethod method, string route, string? token, object? body)
    {
        var request = new HttpRequestMessage(method, route);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return _http.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected) throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    public void Dispose() => _http.Dispose();
}
