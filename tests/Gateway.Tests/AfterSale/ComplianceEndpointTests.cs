using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.AfterSale;

/// <summary>
/// <c>GET /api/regulator/compliance</c>, <c>/industrial-prices</c> and the CSV exports (API.md "Regulator compliance"):
/// every check id for every closed sale, the pinned buckets, UTF-8 with BOM and proper quoting, and bad date ranges
/// refused with clear codes.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ComplianceEndpointTests(GatewayFactory factory)
{
    private static readonly string[] CheckIds = ["R-COM-04", "R-LST-01", "R-IND-03", "R-IND-09", "R-COM-09", "R-TEN-04", "R-COM-14", "R-COM-10", "R-IND-GRADE"];

    private readonly ApiDriver _api = new(factory);

    private static Dictionary<string, JsonElement> Checks(JsonElement report) =>
        report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("rule").GetString()!, c => c);

    private static string Status(JsonElement report, string rule) => Checks(report)[rule].GetProperty("status").GetString()!;

    [Fact]
    public async Task Every_check_is_answered_for_every_closed_sale_and_follows_the_notice_and_the_refunds()
    {
        var centreId = ApiDriver.NewId("centre-compliance");
        var centre = await _api.As("centre", ApiDriver.NewId("officer"), centreId);
        var soldHere = await SaleOf(centre, sold: true);
        var failedHere = await SaleOf(centre, sold: false);
        var regulator = await _api.Regulator();

        var reports = (await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/compliance?centre={centreId}"), HttpStatusCode.OK)).EnumerateArray().ToArray();
        Assert.Equal(new[] { soldHere.Id, failedHere.Id }.Order(), reports.Select(r => r.GetProperty("listingId").GetString()!).Order());
        foreach (var report in reports)
        {
            Assert.Equal(CheckIds, report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("rule").GetString()));
            Assert.All(report.GetProperty("checks").EnumerateArray(), c =>
            {
                Assert.Contains(c.GetProperty("status").GetString(), new[] { "pass", "fail", "pending", "notApplicable" });
                Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("detail").GetString()));
            });
        }
        var failed = reports.Single(r => r.GetProperty("listingId").GetString() == failedHere.Id);
        Assert.Equal("notApplicable", Status(failed, "R-IND-03"));
        // The test fixture publishes 1 hour ahead for 2 hours: the national lead and period are not met.
        Assert.Equal(("fail", "fail"), (Status(failed, "R-COM-04"), Status(failed, "R-LST-01")));
        var sale = reports.Single(r => r.GetProperty("listingId").GetString() == soldHere.Id);
        Assert.Equal(("pending", "pending", "fail"), (Status(sale, "R-COM-14"), Status(sale, "R-COM-10"), Status(sale, "R-COM-09"))); // deposit 100 of 1000

        // The centre publishes the notice and the bank refunds the loser: both checks pass.
        await ApiDriver.Expect(await ApiDriver.PostJson(centre.Client, $"/api/listings/{soldHere.Id}/notice/publish", new { }), HttpStatusCode.OK);
        await ApiDriver.Expect(await factory.BankRefund(soldHere.BetaAccount, 100m, ApiDriver.NewId("ref"), factory.Now), HttpStatusCode.OK);
        sale = (await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/compliance?centre={centreId}"), HttpStatusCode.OK))
            .EnumerateArray().Single(r => r.GetProperty("listingId").GetString() == soldHere.Id);
        Assert.Equal(("pass", "pass"), (Status(sale, "R-COM-14"), Status(sale, "R-COM-10")));
        Assert.Equal(sale.GetProperty("summary").GetProperty("pass").GetInt32(), sale.GetProperty("checks").EnumerateArray().Count(c => c.GetProperty("status").GetString() == "pass"));

        // Only regulators.
        await ApiDriver.ExpectProblem(await centre.Client.GetAsync("/api/regulator/compliance"), HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Industrial_prices_come_as_ratios_to_the_floor_in_the_pinned_buckets()
    {
        // Grade 7, 1,000 m²: floor 288,000. Deals at the floor, 4 % above it and twice it; one commercial deal left out.
        var centre = await _api.As("centre", ApiDriver.NewId("officer"), ApiDriver.NewId("centre-prices"));
        foreach (var price in new[] { 288_000m, 299_520m, 600_000m })
            await SaleOf(centre, sold: true, body => Industrial(body, price));
        await SaleOf(centre, sold: true);
        var regulator = await _api.Regulator();
        var prices = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/industrial-prices?centre={centre.Centre}"), HttpStatusCode.OK);
        Assert.Equal((3, 1, 2), (prices.GetProperty("count").GetInt32(), prices.GetProperty("atFloor").GetInt32(), prices.GetProperty("within5Percent").GetInt32()));
        var buckets = prices.GetProperty("buckets").EnumerateArray().ToArray();
        Assert.Equal(21, buckets.Length);
        Assert.Equal((1.00m, 1.05m, 2), (buckets[0].GetProperty("from").GetDecimal(), buckets[0].GetProperty("to").GetDecimal(), buckets[0].GetProperty("count").GetInt32()));
        Assert.Equal((2.00m, JsonValueKind.Null, 1), (buckets[^1].GetProperty("from").GetDecimal(), buckets[^1].GetProperty("to").ValueKind, buckets[^1].GetProperty("count").GetInt32()));
        Assert.Equal(3, buckets.Sum(b => b.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task The_CSV_exports_are_UTF8_with_a_BOM_one_row_per_listing_properly_quoted_with_Chinese_text_intact()
    {
        var centre = await _api.As("centre", ApiDriver.NewId("officer"), ApiDriver.NewId("centre-csv"));
        var location = "苏州工业园区, \"东区\"\n湖西";
        var sold = await SaleOf(centre, sold: true, body => body["parcel"]!["location"] = location);
        await SaleOf(centre, sold: false, body => body["parcel"]!["parcelNo"] = "=HYPERLINK(\"x\")");
        var regulator = await _api.Regulator();

        foreach (var (path, columns) in new[] { ("awards.csv", "listingId,centre,parcelNo"), ("compliance.csv", "listingId,centre,parcelNo,use,method,outcome,reason,closedAt,R-COM-04,R-COM-04 detail") })
        {
            var response = await regulator.Client.GetAsync($"/api/regulator/{path}?centre={centre.Centre}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(("text/csv", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
            Assert.Equal(path, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var text = Encoding.UTF8.GetString(bytes[3..]);
            Assert.StartsWith(columns, text);
            var rows = ParseCsv(text);
            Assert.Equal(3, rows.Count); // the header and one row per listing
            Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
            Assert.Equal(sold.Id, rows[1][0]);
            Assert.Equal("'=HYPERLINK(\"x\")", rows[2][2]); // a formula is text, not something a spreadsheet runs
            Assert.EndsWith("\r\n", text);
        }
        var awards = ParseCsv(Encoding.UTF8.GetString((await (await regulator.Client.GetAsync($"/api/regulator/awards.csv?centre={centre.Centre}")).Content.ReadAsByteArrayAsync())[3..]));
        Assert.Equal(("sold", "1000"), (awards[1][awards[0].IndexOf("outcome")], awards[1][awards[0].IndexOf("price")]));
        var compliance = await (await regulator.Client.GetAsync($"/api/regulator/compliance.csv?centre={centre.Centre}")).Content.ReadAsStringAsync();
        Assert.Contains("announced", compliance);
        var details = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{sold.Id}/record"), HttpStatusCode.OK);
        Assert.Equal(location, details.GetProperty("definition").GetProperty("parcel").GetProperty("location").GetString());
    }

    [Theory]
    [InlineData("compliance")]
    [InlineData("compliance.csv")]
    [InlineData("awards.csv")]
    [InlineData("awards")]
    [InlineData("industrial-prices")]
    public async Task Inverted_or_malformed_date_ranges_are_refused_with_clear_codes(string report)
    {
        var regulator = await _api.Regulator();
        var inverted = await ApiDriver.ExpectProblem(await regulator.Client.GetAsync($"/api/regulator/{report}?from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00%2B08:00"),
            HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(inverted.GetProperty("errors").TryGetProperty("to", out _));
        foreach (var bad in new[] { "from=2026-03-10", "to=2026-13-01T00:00:00Z", "from=last-week", "to=2026-03-01T00:00:00" })
        {
            var problem = await ApiDriver.ExpectProblem(await regulator.Client.GetAsync($"/api/regulator/{report}?{bad}"), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
            Assert.Contains(bad[..bad.IndexOf('=')], problem.GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await regulator.Client.GetAsync($"/api/regulator/{report}?from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z")).StatusCode);
    }

    private static JsonObject Industrial(JsonObject body, decimal price)
    {
        var parcel = (JsonObject)body["parcel"]!;
        parcel["use"] = "industrial";
        parcel["landGrade"] = 7;
        parcel["areaM2"] = 1000m;
        parcel["termYears"] = 50;
        body["startingPrice"] = price;
        return body;
    }

    /// <summary>A sale of <paramref name="centre"/>: one qualified bidder bids the starting price (or nobody does).</summary>
    private async Task<ClosedSale> SaleOf(Party centre, bool sold, Action<JsonObject>? change = null)
    {
        var body = _api.ListingBody();
        change?.Invoke(body);
        var listing = await _api.Publish(centre, body);
        var alpha = await _api.Bidder("alpha");
        var beta = await _api.Bidder("beta");
        await _api.Qualify(alpha, listing.Id);
        await _api.Qualify(beta, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        if (sold) await _api.Accepted(alpha, listing.Id, body["startingPrice"]!.GetValue<decimal>());
        factory.AdvanceTo(listing.EndsAt);
        var result = await _api.Get($"/api/listings/{listing.Id}/result");
        return new ClosedSale(listing, centre, alpha, beta, (await _api.Mine(alpha, listing.Id)).GetProperty("depositAccount").GetString()!,
            (await _api.Mine(beta, listing.Id)).GetProperty("depositAccount").GetString()!, result);
    }

    /// <summary>An RFC 4180 reader (quoted fields may hold commas, doubled quotes and line breaks).</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else field.Append(c);
        }
        return rows;
    }
}
