using System.Net;
using System.Text.Json;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.AfterSale;

/// <summary>
/// The bank's refund callback (API.md v2 "After the sale", R-COM-10): signed like credits, idempotent by bankRefId with
/// one body per reference, never more than is refundable (the winner's earnest money is not), only after the sale.
/// Every refusal is its 4xx and records nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RefundCallbackTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    private Task<int> Stored(string listingId) => factory.Store.ReadAsync($"registration/{listingId}", 0).ContinueWith(t => t.Result.Count);

    [Fact]
    public async Task Bad_signatures_are_401_BAD_SIGNATURE_and_record_nothing()
    {
        var sale = await ClosedSales.Run(_api, sold: true);
        var before = await Stored(sale.Id);
        var body = JsonSerializer.Serialize(new { account = sale.BetaAccount, amount = 10m, bankRefId = ApiDriver.NewId("ref"), refundedAt = factory.Now });

        await ApiDriver.ExpectProblem(await factory.BankRefund(sale.BetaAccount, 10m, ApiDriver.NewId("ref"), factory.Now, secret: "not-the-secret"), HttpStatusCode.Unauthorized, "BAD_SIGNATURE");
        var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/bank/refunds") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        await ApiDriver.ExpectProblem(await factory.CreateClient().SendAsync(unsigned), HttpStatusCode.Unauthorized, "BAD_SIGNATURE");
        var otherBody = new HttpRequestMessage(HttpMethod.Post, "/api/bank/refunds") { Content = new StringContent(body.Replace("10", "11"), System.Text.Encoding.UTF8, "application/json") };
        otherBody.Headers.Add(BankEndpoints.SignatureHeader, BankEndpoints.Sign(System.Text.Encoding.UTF8.GetBytes(body), GatewayFactory.BankSecret));
        await ApiDriver.ExpectProblem(await factory.CreateClient().SendAsync(otherBody), HttpStatusCode.Unauthorized, "BAD_SIGNATURE");
        Assert.Equal(before, await Stored(sale.Id));
    }

    [Fact]
    public async Task Unknown_and_malformed_accounts_and_bad_amounts_are_refused()
    {
        var sale = await ClosedSales.Run(_api, sold: false);
        var before = await Stored(sale.Id);
        await ApiDriver.ExpectProblem(await factory.BankRefund("9999999999997", 10m, ApiDriver.NewId("ref"), factory.Now), HttpStatusCode.NotFound, "UNKNOWN_ACCOUNT");
        Assert.Empty(await factory.Store.ReadAsync("deposit-account/9999999999997", 0));
        await ApiDriver.ExpectProblem(await factory.BankRefund("12345", 10m, ApiDriver.NewId("ref"), factory.Now), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");

        foreach (var amount in new[] { "-10", "0", "10.005", "10.00000000000000000000000000001" })
        {
            var body = $$"""{"account":"{{sale.BetaAccount}}","amount":{{amount}},"bankRefId":"{{ApiDriver.NewId("ref")}}","refundedAt":"{{factory.Now:yyyy-MM-ddTHH:mm:ssZ}}"}""";
            var problem = await ApiDriver.ExpectProblem(await GatewayFactory.BankCallback(factory, "/api/bank/refunds", body), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
            Assert.True(problem.GetProperty("errors").TryGetProperty("amount", out _), $"{amount}: {problem}");
        }
        await ApiDriver.ExpectProblem(await GatewayFactory.BankCallback(factory, "/api/bank/refunds", """{"account":"1""" ), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        await ApiDriver.ExpectProblem(await factory.BankRefund(sale.BetaAccount, 10m, ApiDriver.NewId("ref"), factory.Now.AddHours(1)), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.Equal(before, await Stored(sale.Id));
    }

    [Fact]
    public async Task More_than_the_balance_and_the_winners_earnest_money_are_422_REFUND_EXCEEDS_BALANCE()
    {
        var sale = await ClosedSales.Run(_api, sold: true);
        var before = await Stored(sale.Id);
        var winner = await ApiDriver.ExpectProblem(await factory.BankRefund(sale.AlphaAccount, 1m, ApiDriver.NewId("ref"), factory.Now), HttpStatusCode.UnprocessableEntity, "REFUND_EXCEEDS_BALANCE");
        Assert.Contains("earnest money", winner.GetProperty("detail").GetString());
        await ApiDriver.ExpectProblem(await factory.BankRefund(sale.BetaAccount, 100.01m, ApiDriver.NewId("ref"), factory.Now), HttpStatusCode.UnprocessableEntity, "REFUND_EXCEEDS_BALANCE");
        Assert.Equal(before, await Stored(sale.Id));

        await ApiDriver.Expect(await factory.BankRefund(sale.BetaAccount, 70m, ApiDriver.NewId("ref"), factory.Now), HttpStatusCode.OK);
        var over = await ApiDriver.ExpectProblem(await factory.BankRefund(sale.BetaAccount, 31m, ApiDriver.NewId("ref"), factory.Now), HttpStatusCode.UnprocessableEntity, "REFUND_EXCEEDS_BALANCE");
        Assert.Contains("30", over.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_replay_is_a_200_duplicate_and_a_reused_reference_with_another_body_is_409_anywhere()
    {
        var sale = await ClosedSales.Run(_api, sold: true);
        var other = await ClosedSales.Run(_api, sold: false);
        var reference = ApiDriver.NewId("ref");
        var refundedAt = factory.Now;
        var first = await ApiDriver.Expect(await factory.BankRefund(sale.BetaAccount, 100m, reference, refundedAt), HttpStatusCode.OK);
        Assert.Equal(("refunded", 100m, 0m, false), (first.GetProperty("status").GetString(), first.GetProperty("refunded").GetDecimal(),
            first.GetProperty("refundable").GetDecimal(), first.GetProperty("duplicate").GetBoolean()));
        var receivedAt = first.GetProperty("receivedAt").GetDateTimeOffset();
        var before = (await Stored(sale.Id), await Stored(other.Id));

        factory.AdvanceTo(factory.Now.AddMinutes(1));
        var replay = await ApiDriver.Expect(await factory.BankRefund(sale.BetaAccount, 100m, reference, refundedAt), HttpStatusCode.OK);
        Assert.Equal((true, 100m, receivedAt), (replay.GetProperty("duplicate").GetBoolean(), replay.GetProperty("refunded").GetDecimal(), replay.GetProperty("receivedAt").GetDateTimeOffset()));
        foreach (var (account, amount, at, what) in new[]
        {
            (sale.BetaAccount, 99m, refundedAt, "amount"),
            (sale.BetaAccount, 100m, refundedAt.AddSeconds(1), "refundedAt"),
            (other.BetaAccount, 100m, refundedAt, "account"),
        })
        {
            var problem = await ApiDriver.ExpectProblem(await factory.BankRefund(account, amount, reference, at), HttpStatusCode.Conflict, "IDEMPOTENCY_MISMATCH");
            Assert.Contains(what, problem.GetProperty("detail").GetString());
        }
        Assert.Equal(before, (await Stored(sale.Id), await Stored(other.Id)));
    }

    [Fact]
    public async Task A_refund_before_the_sale_ends_is_409_NOT_CLOSED()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        var bidder = await _api.Bidder();
        await _api.Qualify(bidder, listing.Id);
        var account = (await _api.Mine(bidder, listing.Id)).GetProperty("depositAccount").GetString()!;
        await ApiDriver.ExpectProblem(await factory.BankRefund(account, 100m, ApiDriver.NewId("ref"), factory.Now), HttpStatusCode.Conflict, "NOT_CLOSED");
    }
}
