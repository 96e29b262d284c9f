using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.Api;

[Collection(GatewayCollection.Name)]
public sealed class SmokeTests(GatewayFactory factory)
{
    [Fact]
    public async Task Health_time_and_openapi_answer()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var time = await client.GetAsync("/api/time");
        Assert.Equal("no-store", time.Headers.CacheControl?.ToString());
        Assert.Equal(factory.Now, (await time.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("serverTime").GetDateTimeOffset());
        var openApi = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("/api/listings", await openApi.Content.ReadAsStringAsync());
    }
}
