using System.Text.Json;
using Auction.Contracts.Listings;
using Auction.Silo.Rules;
using Auction.Web.Tests.Infrastructure;

namespace Auction.Web.Tests.Rules;

/// <summary>
/// The browser's step-rule check (wwwroot/app/core/step-rule.js) against the server's rules (PriceRules, MoneyRules)
/// on the same cases: table cases from DOMAIN R-BID-02/03 and seeded random ones; both must accept and refuse alike.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class StepRuleParityTests(WebApp app)
{
    private sealed record Case(decimal Amount, decimal? Current, decimal StartingPrice, decimal Increment, string Rule);

    private static IEnumerable<Case> Cases()
    {
        foreach (var rule in new[] { "atLeastOneStep", "integerMultiple" })
        {
            yield return new(14_500_000m, null, 14_500_000m, 100_000m, rule);   // first bid at the start
            yield return new(14_499_999.99m, null, 14_500_000m, 100_000m, rule);
            yield return new(14_550_000m, null, 14_500_000m, 100_000m, rule);   // start + half a step
            yield return new(14_600_000m, 14_500_000m, 14_500_000m, 100_000m, rule);
            yield return new(14_650_000m, 14_500_000m, 14_500_000m, 100_000m, rule);
            yield return new(14_599_999.99m, 14_500_000m, 14_500_000m, 100_000m, rule);
            yield return new(1000.3m, 1000.1m, 1000m, 0.2m, rule);             // decimal exactness
            yield return new(1000.31m, 1000.1m, 1000m, 0.2m, rule);
            yield return new(0m, null, 1000m, 10m, rule);
            yield return new(-5m, null, 1000m, 10m, rule);
            yield return new(1000.001m, null, 1000m, 10m, rule);               // more than fen
            yield return new(1_000_000_000_001m, null, 1000m, 10m, rule);      // beyond the maximum
        }
        var random = new Random(20261201);
        for (var i = 0; i < 300; i++)
        {
            var start = random.Next(1, 100_000) * 100m;
            var increment = random.Next(1, 500) * (random.Next(2) == 0 ? 100m : 0.01m);
            decimal? current = random.Next(3) == 0 ? null : start + random.Next(0, 50) * increment;
            var amount = (current ?? start) + random.Next(-3, 8) * increment + (random.Next(4) == 0 ? random.Next(-99, 100) / 100m : 0m);
            yield return new(amount, current, start, increment, random.Next(2) == 0 ? "atLeastOneStep" : "integerMultiple");
        }
    }

    private static string? Server(Case c)
    {
        if (MoneyRules.Problem(c.Amount) is not null) return "VALIDATION_FAILED";
        var rule = c.Rule == "integerMultiple" ? IncrementRule.IntegerMultiple : IncrementRule.AtLeastOneStep;
        return PriceRules.Check(c.Amount, c.Current, c.StartingPrice, c.Increment, rule)?.Code;
    }

    [Fact]
    public async Task The_browser_accepts_and_refuses_exactly_the_bids_the_server_rules_do()
    {
        var cases = Cases().ToArray();
        var page = await app.NewPage();
        await page.GotoAsync("/");
        var json = JsonSerializer.Serialize(cases.Select(c => new { amount = c.Amount, current = c.Current, startingPrice = c.StartingPrice, increment = c.Increment, rule = c.Rule }));
        var browser = await page.EvaluateAsync<string?[]>($$"""
            async () => {
              const { checkBid } = await import('/app/core/step-rule.js');
              return {{json}}.map(c => checkBid(c)?.code ?? null);
            }
            """);
        var differences = cases.Select((c, i) => (Case: c, Server: Server(c), Browser: browser[i])).Where(d => d.Server != d.Browser).ToArray();
        Assert.True(differences.Length == 0, string.Join('\n', differences.Take(10).Select(d => $"{d.Case}: server {d.Server ?? "accepts"}, browser {d.Browser ?? "accepts"}")));
        Assert.Contains(cases, c => Server(c) is null);
        Assert.Contains(cases, c => Server(c) == "BID_NOT_STEP_MULTIPLE");
    }
}
