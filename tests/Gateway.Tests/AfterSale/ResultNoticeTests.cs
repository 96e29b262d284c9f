using System.Net;
using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;

namespace Auction.Gateway.Tests.AfterSale;

/// <summary>
/// The result notice (R-COM-14, API.md v2): drafted at the close with dueBy = close + 10 working days, published once
/// by the owning centre (a recorded fact in the listing's chain), listed publicly newest first; a failed sale gets a
/// 流拍 notice with its reason. Publishing before the close or twice is refused and changes nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ResultNoticeTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    private static Task<HttpResponseMessage> Publish(Party centre, string id) => ApiDriver.PostJson(centre.Client, $"/api/listings/{id}/notice/publish", new { });

    [Fact]
    public async Task R_COM_14_a_sold_listings_notice_is_drafted_at_the_close_and_published_once_into_its_record()
    {
        var sale = await ClosedSales.Run(_api, sold: true);
        var dueBy = AfterSaleDeadlines.Notice(WorkingDayCalendar.China, sale.ClosedAt).DueBy!.Value;
        var draft = await _api.Get($"/api/listings/{sale.Id}/notice");
        Assert.Equal(("draft", dueBy, JsonValueKind.Null), (draft.GetProperty("status").GetString(), draft.GetProperty("dueBy").GetDateTimeOffset(), draft.GetProperty("publishedAt").ValueKind));
        Assert.Equal(("sold", sale.Alpha.Name, 1000m, "priceOnly"), (draft.GetProperty("outcome").GetString(), draft.GetProperty("winnerName").GetString(),
            draft.GetProperty("price").GetDecimal(), draft.GetProperty("dealMethod").GetString()));

        factory.AdvanceTo(factory.Now.AddHours(2));
        var published = await ApiDriver.Expect(await Publish(sale.Centre, sale.Id), HttpStatusCode.OK);
        Assert.Equal(("published", factory.Now), (published.GetProperty("status").GetString(), published.GetProperty("publishedAt").GetDateTimeOffset()));
        var listed = Assert.Single((await _api.Get($"/api/notices?centre={sale.Centre.Centre}")).EnumerateArray());
        foreach (var field in new[] { "listingId", "parcel", "method", "dealMethod", "outcome", "winnerName", "price", "closedAt", "publishedAt" })
            Assert.True(listed.TryGetProperty(field, out _), $"no {field}");
        Assert.Equal((sale.Id, "listing"), (listed.GetProperty("listingId").GetString(), listed.GetProperty("method").GetString()));

        // Publishing is evidence: an event of the signed chain, public like the result, and the record still verifies.
        var events = await _api.Events(sale.Id);
        Assert.Equal("noticePublished", events[^1].GetProperty("type").GetString());
        var regulator = await _api.Regulator();
        var verify = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{sale.Id}/record/verify"), HttpStatusCode.OK);
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(events[^1].GetProperty("seq").GetInt64(), (await _api.Get($"/api/listings/{sale.Id}/checkpoint")).GetProperty("seq").GetInt64());

        var stored = (await factory.Store.ReadAsync($"listing/{sale.Id}", 0)).Count;
        var twice = await ApiDriver.ExpectProblem(await Publish(sale.Centre, sale.Id), HttpStatusCode.Conflict, "NOTICE_ALREADY_PUBLISHED");
        Assert.Contains("once", twice.GetProperty("detail").GetString());
        Assert.Equal(stored, (await factory.Store.ReadAsync($"listing/{sale.Id}", 0)).Count);
    }

    [Fact]
    public async Task A_failed_sale_gets_a_failed_notice_with_its_reason()
    {
        var sale = await ClosedSales.Run(_api, sold: false);
        var notice = await ApiDriver.Expect(await Publish(sale.Centre, sale.Id), HttpStatusCode.OK);
        Assert.Equal(("failed", "noBids", false), (notice.GetProperty("outcome").GetString(), notice.GetProperty("reason").GetString(), notice.TryGetProperty("winnerName", out _)));
        var listed = Assert.Single((await _api.Get($"/api/notices?centre={sale.Centre.Centre}")).EnumerateArray());
        Assert.Equal(("failed", "noBids"), (listed.GetProperty("outcome").GetString(), listed.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Publishing_before_the_close_or_by_anyone_but_the_owning_centre_is_refused_and_changes_nothing()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        var stored = (await factory.Store.ReadAsync($"listing/{listing.Id}", 0)).Count;
        await ApiDriver.ExpectProblem(await Publish(centre, listing.Id), HttpStatusCode.Conflict, "NOT_CLOSED");
        await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync($"/api/listings/{listing.Id}/notice"), HttpStatusCode.Conflict, "NOT_CLOSED");
        Assert.Equal(stored, (await factory.Store.ReadAsync($"listing/{listing.Id}", 0)).Count);

        var sale = await ClosedSales.Run(_api, sold: true);
        await ApiDriver.ExpectProblem(await Publish(await _api.Centre(), sale.Id), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        await ApiDriver.ExpectProblem(await Publish(sale.Alpha, sale.Id), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(_api.Anonymous, $"/api/listings/{sale.Id}/notice/publish", new { }), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal("draft", (await _api.Get($"/api/listings/{sale.Id}/notice")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_public_notices_list_is_newest_first_filtered_by_centre_and_publication_time()
    {
        var centreId = ApiDriver.NewId("centre-notices");
        var first = await ClosedSales.Run(_api, sold: true, body => body["requestId"] = ApiDriver.NewId("pub"));
        var centre = await _api.As("centre", ApiDriver.NewId("officer"), centreId);
        var older = await Sold(centre);
        await ApiDriver.Expect(await Publish(centre, older), HttpStatusCode.OK);
        var between = factory.Now.AddSeconds(30);
        factory.AdvanceTo(factory.Now.AddMinutes(1));
        var newer = await Sold(centre);
        await ApiDriver.Expect(await Publish(centre, newer), HttpStatusCode.OK);
        await ApiDriver.Expect(await Publish(first.Centre, first.Id), HttpStatusCode.OK);

        var all = (await _api.Get($"/api/notices?centre={centreId}")).EnumerateArray().Select(n => n.GetProperty("listingId").GetString()!).ToArray();
        Assert.Equal([newer, older], all);
        var since = (await _api.Get($"/api/notices?centre={centreId}&from={Uri.EscapeDataString(between.ToString("O"))}")).EnumerateArray().Select(n => n.GetProperty("listingId").GetString()!).ToArray();
        Assert.Equal([newer], since);
        Assert.Single((await _api.Get($"/api/notices?centre={centreId}&limit=1")).EnumerateArray());
        Assert.Contains((await _api.Get("/api/notices")).EnumerateArray(), n => n.GetProperty("listingId").GetString() == first.Id);
    }

    [Theory]
    [InlineData("from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z", 422, "VALIDATION_FAILED")]
    [InlineData("from=2026-03-10", 400, "MALFORMED_REQUEST")]
    [InlineData("to=yesterday", 400, "MALFORMED_REQUEST")]
    [InlineData("from=2026-03-10T00:00:00", 400, "MALFORMED_REQUEST")]
    [InlineData("limit=0", 422, "VALIDATION_FAILED")]
    [InlineData("limit=abc", 400, "MALFORMED_REQUEST")]
    public async Task Bad_notice_queries_are_refused(string query, int status, string code) =>
        await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync($"/api/notices?{query}"), (HttpStatusCode)status, code);

    private async Task<string> Sold(Party centre)
    {
        var listing = await _api.Publish(centre);
        var bidder = await _api.Bidder();
        await _api.Qualify(bidder, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        await _api.Accepted(bidder, listing.Id, 1000m);
        factory.AdvanceTo(listing.EndsAt);
        await _api.Get($"/api/listings/{listing.Id}/result");
        return listing.Id;
    }
}
