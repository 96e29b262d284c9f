using System.Net;
using System.Text.Json;
using Auction.Gateway.Demo;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.AfterSale;

/// <summary>
/// Issue 13 "done when": the compliance endpoint answers every check for every closed listing of the demo data
/// (<see cref="DemoData"/>), on a host of its own seeded as <c>--demo</c> seeds, driven to the end on the fake clock.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DemoComplianceTests(GatewayFactory factory)
{
    private static readonly string[] CheckIds = ["R-COM-04", "R-LST-01", "R-IND-03", "R-IND-09", "R-COM-09", "R-TEN-04", "R-COM-14", "R-COM-10", "R-IND-GRADE"];

    [Fact]
    public async Task Every_closed_demo_listing_gets_every_check()
    {
        await using var host = factory.Variant(new Dictionary<string, string> { ["Auction:Demo:Enabled"] = "true", ["Auction:Demo:Seed"] = "true" });
        var api = new ApiDriver(factory, host);
        var regulator = await api.Regulator();
        var seededAt = factory.Now;
        string[] ids = [.. new[] { "demo-industrial", "demo-commercial", "demo-timed", "demo-auction", "demo-tender", "demo-lottery" }.Select(r => ListingIds.For(DemoData.Centre, r))];
        var timed = ids[2];

        // The seeder publishes the six listings and qualifies the three demo bidders of each.
        async Task<bool> Seeded()
        {
            foreach (var id in ids)
            {
                var response = await regulator.Client.GetAsync($"/api/listings/{id}/deposits");
                if (response.StatusCode != HttpStatusCode.OK) return false;
                var positions = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray();
                if (positions.Count(p => p.GetProperty("credited").GetDecimal() > 0) < DemoData.Bidders.Length) return false;
            }
            return true;
        }
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await Seeded())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting for the demo listings and their qualified bidders");
            await Task.Delay(100);
        }

        // Its two quotes on the timed listing wait 31 s of the auction's clock (from whenever the seeder started waiting).
        var bids = 0;
        for (var step = 1; step <= 24 && bids < 2; step++)
        {
            factory.AdvanceTo(seededAt.AddSeconds(5 * step + 30));
            await Task.Delay(100);
            bids = (await api.Events(timed)).Count(e => e.GetProperty("type").GetString() == "bidAccepted");
        }
        Assert.Equal(2, bids);

        // The timed listing converts at its end (+4.5 min) and its 60 s countdown runs out; the auction (+2 min) fails with no
        // bid after its countdown, the tender (+11 min) with no tender; the others end at +2 h and +3 h.
        var timedEnd = (await api.Listing(timed)).GetProperty("biddingEndsAt").GetDateTimeOffset();
        factory.AdvanceTo(timedEnd);
        factory.AdvanceTo(timedEnd.AddSeconds(61));
        factory.AdvanceTo(seededAt.AddHours(3).AddMinutes(1));
        foreach (var id in ids) Assert.Contains((await api.Listing(id)).GetProperty("status").GetString(), new[] { "sold", "failed" });
        Assert.Equal("sold", (await api.Listing(timed)).GetProperty("status").GetString());

        var reports = (await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/compliance?centre={DemoData.Centre}"), HttpStatusCode.OK)).EnumerateArray().ToArray();
        Assert.Equal(ids.Order(), reports.Select(r => r.GetProperty("listingId").GetString()!).Order());
        foreach (var report in reports)
        {
            var checks = report.GetProperty("checks").EnumerateArray().ToArray();
            Assert.Equal(CheckIds, checks.Select(c => c.GetProperty("rule").GetString()));
            Assert.All(checks, c =>
            {
                Assert.Contains(c.GetProperty("status").GetString(), new[] { "pass", "fail", "pending", "notApplicable" });
                Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("detail").GetString()));
            });
        }
        // The industrial demo parcel failed (nobody bid): its floor check does not apply, its reserve check does.
        var industrial = reports.Single(r => r.GetProperty("listingId").GetString() == ids[0]).GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("rule").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(("notApplicable", "pass"), (industrial["R-IND-03"], industrial["R-IND-09"]));
        // The demo tender is judged by R-TEN-04 (too few tenderers, no opening); the other methods have no tenderers.
        var tenderers = reports.ToDictionary(r => r.GetProperty("listingId").GetString()!, r => r.GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("rule").GetString() == "R-TEN-04").GetProperty("status").GetString());
        Assert.Equal("pass", tenderers[ids[4]]);
        Assert.All(ids.Where(id => id != ids[4]), id => Assert.Equal("notApplicable", tenderers[id]));

        var csv = await regulator.Client.GetAsync($"/api/regulator/compliance.csv?centre={DemoData.Centre}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(1 + ids.Length, (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
