using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Auction.Gateway.Tests.Infrastructure;
using Auction.TestSupport;

namespace Auction.Gateway.Tests.Caps;

/// <summary>
/// The README's recipe that verifies a lottery from public data (curl, jq, openssl): run as written against the public
/// answers of a drawn lottery, it confirms the commitment and the winner; with the winner changed it refuses.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class LotteryRecipeTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task The_READMEs_lottery_recipe_verifies_a_drawn_lottery_and_refuses_a_forged_winner()
    {
        var centre = await _api.Centre();
        var sale = await _api.Publish(centre, ApiDriver.Capped(_api.AuctionBody(countdownSeconds: 600), "lottery"));
        var bidders = new[] { await _api.Bidder("alpha"), await _api.Bidder("beta"), await _api.Bidder("gamma") };
        foreach (var bidder in bidders) await _api.Qualify(bidder, sale.Id);
        factory.AdvanceTo(sale.StartsAt);
        await _api.Accepted(bidders[1], sale.Id, 1100m);
        await ApiDriver.Expect(await _api.JoinLottery(bidders[0], sale.Id), HttpStatusCode.Created);
        var entry = await ApiDriver.Expect(await _api.JoinLottery(bidders[2], sale.Id), HttpStatusCode.Created);
        factory.AdvanceTo(entry.GetProperty("joinDeadline").GetDateTimeOffset());
        var lottery = await _api.Anonymous.GetStringAsync($"/api/listings/{sale.Id}/lottery");
        var events = await _api.Anonymous.GetStringAsync($"/api/listings/{sale.Id}/events?afterSeq=0&limit=1");

        var verified = await RunRecipe(sale.Id, lottery, events);
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains("lottery verified: 3 entrants (001,002,003), winner ", verified.Output);

        var forged = JsonNode.Parse(lottery)!;
        var winner = forged["winnerBidderNo"]!.GetValue<string>();
        forged["winnerBidderNo"] = winner == "001" ? "002" : "001";
        var refused = await RunRecipe(sale.Id, forged.ToJsonString(), events);
        Assert.True(refused.ExitCode == 1, refused.Output);
        Assert.Contains("lottery NOT verified: the draw gives " + winner, refused.Output);
    }

    /// <summary>Runs the README block with bash; <c>curl</c> is a function answering the two public reads with <paramref name="lottery"/> and <paramref name="events"/>.</summary>
    private static async Task<(int ExitCode, string Output)> RunRecipe(string listingId, string lottery, string events)
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(ServiceProcess.RepositoryRoot(), "README.md"));
        var begin = readme.IndexOf("<!-- lottery-recipe:begin", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- lottery-recipe:end -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "the README lost its lottery recipe markers");
        var block = readme[begin..end];
        var code = block[(block.IndexOf("```sh\n", StringComparison.Ordinal) + 6)..block.LastIndexOf("```", StringComparison.Ordinal)];

        var folder = Directory.CreateTempSubdirectory("lottery-recipe-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "lottery.json"), lottery);
            await File.WriteAllTextAsync(Path.Combine(folder, "events.json"), events);
            var stub = "curl() { case \"$*\" in *\"/lottery\"*) cat lottery.json ;; *\"/events?\"*) cat events.json ;; *) return 22 ;; esac; }\n";
            await File.WriteAllTextAsync(Path.Combine(folder, "recipe.sh"), stub + code);
            var start = new ProcessStartInfo("bash", ["recipe.sh"]) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["LISTING"] = listingId;
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
