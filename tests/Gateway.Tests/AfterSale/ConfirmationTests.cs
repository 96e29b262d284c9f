using System.Net;
using System.Net.Http.Headers;
using Auction.Gateway.Tests.Infrastructure;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;

namespace Auction.Gateway.Tests.AfterSale;

/// <summary>
/// The confirmation (成交确认书, R-COM-12, API.md v2) for the winner and the owning centre: JSON with contractDueBy = close
/// + 10 working days, and for <c>Accept: text/html</c> a printable page without script.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ConfirmationTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    private static Task<HttpResponseMessage> Confirmation(Party reader, string id, string accept = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/listings/{id}/confirmation");
        request.Headers.Accept.ParseAdd(accept);
        return reader.Client.SendAsync(request);
    }

    [Fact]
    public async Task R_COM_12_the_winner_and_the_centre_read_the_confirmation_with_the_contract_due_10_working_days_after_the_deal()
    {
        var sale = await ClosedSales.Run(_api, sold: true);
        var contractDueBy = AfterSaleDeadlines.Contract(WorkingDayCalendar.China, sale.ClosedAt).DueBy!.Value;
        foreach (var reader in new[] { sale.Alpha, sale.Centre })
        {
            var c = await ApiDriver.Expect(await Confirmation(reader, sale.Id), HttpStatusCode.OK);
            Assert.Equal((sale.Centre.Centre, sale.Alpha.Name, "001", 1000m, "priceOnly", sale.ClosedAt, contractDueBy),
                (c.GetProperty("grantor").GetString(), c.GetProperty("winnerName").GetString(), c.GetProperty("winnerBidderNo").GetString(),
                 c.GetProperty("price").GetDecimal(), c.GetProperty("dealMethod").GetString(), c.GetProperty("closedAt").GetDateTimeOffset(),
                 c.GetProperty("contractDueBy").GetDateTimeOffset()));
            Assert.Equal(sale.Listing.View.GetProperty("parcel").GetProperty("parcelNo").GetString(), c.GetProperty("parcel").GetProperty("parcelNo").GetString());
        }
    }

    [Fact]
    public async Task R_COM_12_the_printable_page_carries_the_data_in_print_CSS_and_no_script()
    {
        var sale = await ClosedSales.Run(_api, sold: true);
        var response = await Confirmation(sale.Alpha, sale.Id, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("text/html", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var page = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", page); // no inline event handlers
        Assert.Contains("@media print", page);
        Assert.Contains("@page", page);
        Assert.Contains("成交确认书", page);
        Assert.Contains(sale.Alpha.Name, page);
        Assert.Contains("1,000 元", page);
        var dueDate = AfterSaleDeadlines.Contract(WorkingDayCalendar.China, sale.ClosedAt).DueDate!.Value;
        Assert.Contains($"{dueDate:yyyy}年{dueDate:MM}月{dueDate:dd}日", page);
        Assert.Contains(ChinaDate(sale.ClosedAt), page);

        // A client that prefers JSON gets JSON.
        var json = await Confirmation(sale.Centre, sale.Id, "application/json, text/html;q=0.5");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Everyone_but_the_winner_and_the_owning_centre_is_refused_and_a_failed_or_running_sale_has_none()
    {
        var sale = await ClosedSales.Run(_api, sold: true);
        await ApiDriver.ExpectProblem(await Confirmation(sale.Beta, sale.Id), HttpStatusCode.Forbidden, "NOT_WINNER");
        await ApiDriver.ExpectProblem(await Confirmation(await _api.Centre(), sale.Id), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        await ApiDriver.ExpectProblem(await Confirmation(await _api.Regulator(), sale.Id), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync($"/api/listings/{sale.Id}/confirmation"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        var failed = await ClosedSales.Run(_api, sold: false);
        await ApiDriver.ExpectProblem(await Confirmation(failed.Centre, failed.Id), HttpStatusCode.Conflict, "NOT_SOLD");
        var running = await _api.Publish(failed.Centre);
        await ApiDriver.ExpectProblem(await Confirmation(failed.Centre, running.Id, "text/html"), HttpStatusCode.Conflict, "NOT_CLOSED");
    }

    private static string ChinaDate(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy年MM月dd日");
}
