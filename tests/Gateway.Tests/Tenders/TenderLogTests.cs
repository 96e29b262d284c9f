using System.Net;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Auction.Gateway.Tests.Tenders;

/// <summary>
/// R-TEN-02/03: sealed tenders leave no trace in the logs at the shipped log levels — no amount, salt, commitment, box
/// stream or even the word — so a log reader learns neither what was tendered nor that anything was.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TenderLogTests(GatewayFactory factory)
{
    [Fact]
    public async Task Sealing_tenders_and_reading_ones_own_receipt_write_no_log_line_about_them()
    {
        var capture = new CapturingLoggerProvider();
        await using var host = factory.Variant(new Dictionary<string, string>(), builder => builder.ConfigureLogging(logging => logging.AddProvider(capture)));
        var api = new ApiDriver(factory, host);
        var tender = await api.Publish(await api.Centre(), api.TenderBody());
        var bidders = new[] { await api.Bidder("alpha"), await api.Bidder("beta"), await api.Bidder("gamma") };
        foreach (var bidder in bidders) await api.Qualify(bidder, tender.Id);
        factory.AdvanceTo(tender.StartsAt);
        await api.Listing(tender.Id);
        var mark = capture.Lines.Count;

        var secrets = new List<string>();
        for (var i = 0; i < bidders.Length; i++)
        {
            var amount = 1234.57m + i * 1111.11m;
            var receipt = await api.Tendered(bidders[i], tender.Id, amount);
            await ApiDriver.Expect(await bidders[i].Client.GetAsync($"/api/listings/{tender.Id}/tenders/mine"), HttpStatusCode.OK);
            await ApiDriver.ExpectProblem(await api.Tender(bidders[i], tender.Id, amount + 1, "second"), HttpStatusCode.Conflict, "TENDER_ALREADY_SUBMITTED");
            secrets.AddRange([$"{amount}", receipt.GetProperty("salt").GetString()!, receipt.GetProperty("commitment").GetString()!, receipt.GetProperty("tenderId").GetString()!]);
        }
        await Task.Delay(500);

        Assert.NotEmpty(capture.Lines.Take(mark)); // the capture sees what the shipped levels let through (startup, Orleans)
        var lines = capture.Lines.Skip(mark).ToArray();
        var leaks = lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))
            || line.Contains("tender", StringComparison.OrdinalIgnoreCase) || line.Contains($"box/{tender.Id}", StringComparison.Ordinal)).ToArray();
        Assert.True(leaks.Length == 0, "tenders in the logs:\n" + string.Join("\n", leaks.Take(5)));
        Assert.True(host.Services.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers && !loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }
}
