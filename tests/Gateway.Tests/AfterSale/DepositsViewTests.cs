using System.Net;
using Auction.Gateway.Tests.Infrastructure;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using static Auction.Gateway.Tests.AfterSale.ClosedSales;

namespace Auction.Gateway.Tests.AfterSale;

/// <summary>
/// <c>GET /api/listings/{id}/deposits</c> (API.md v2 pinned shape) for the owning centre and regulators: the winner's
/// earnest money, the others due back by close + 5 working days, late credits, refunds, overdue by server time.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DepositsViewTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task R_COM_10_a_sold_listing_shows_earnest_money_refunds_due_late_credits_and_overdue()
    {
        var sale = await Run(_api, sold: true);
        var dueBy = AfterSaleDeadlines.Refund(WorkingDayCalendar.China, sale.ClosedAt).DueBy!.Value;
        var deposits = await Deposits(sale, sale.Centre);
        Assert.Equal(2, deposits.Length);
        var winner = Row(deposits, "001");
        foreach (var field in new[] { "applicationId", "bidderNo", "bidderName", "credited", "status", "refunded", "overdue" })
            Assert.True(winner.TryGetProperty(field, out _), $"no {field}");
        Assert.Equal(("earnestMoney", 100m, 0m, false, false), (winner.GetProperty("status").GetString(), winner.GetProperty("credited").GetDecimal(),
            winner.GetProperty("refunded").GetDecimal(), winner.GetProperty("overdue").GetBoolean(), winner.TryGetProperty("refundDueBy", out _)));
        Assert.Equal(sale.Alpha.Name, winner.GetProperty("bidderName").GetString());
        var loser = Row(deposits, "002");
        Assert.Equal(("refundDue", dueBy), (loser.GetProperty("status").GetString(), loser.GetProperty("refundDueBy").GetDateTimeOffset()));

        // Money after the close is a late credit, due back too; half of the deposit goes back.
        var late = await ApiDriver.Expect(await _api.Credit(sale.BetaAccount, 25m), HttpStatusCode.OK);
        Assert.True(late.GetProperty("lateCredit").GetBoolean());
        await ApiDriver.Expect(await factory.BankRefund(sale.BetaAccount, 50m, ApiDriver.NewId("ref"), factory.Now), HttpStatusCode.OK);
        loser = Row(await Deposits(sale, await _api.Regulator()), "002");
        Assert.Equal(("refundDue", 125m, 50m, 75m, 25m), (loser.GetProperty("status").GetString(), loser.GetProperty("credited").GetDecimal(),
            loser.GetProperty("refunded").GetDecimal(), loser.GetProperty("refundable").GetDecimal(), loser.GetProperty("lateCredited").GetDecimal()));
        Assert.Contains(loser.GetProperty("credits").EnumerateArray(), c => c.GetProperty("lateCredit").GetBoolean());
        Assert.False(loser.GetProperty("overdue").GetBoolean());

        // Server time passes the deadline: what is still due is overdue.
        factory.AdvanceTo(dueBy);
        loser = Row(await Deposits(sale, sale.Centre), "002");
        Assert.Equal((true, "overdue"), (loser.GetProperty("overdue").GetBoolean(), loser.GetProperty("refundTimeliness").GetString()));
    }

    [Fact]
    public async Task R_COM_10_a_failed_listing_owes_both_bidders_and_a_full_refund_shows_refunded()
    {
        var sale = await Run(_api, sold: false);
        var deposits = await Deposits(sale, sale.Centre);
        Assert.All(deposits, d => Assert.Equal("refundDue", d.GetProperty("status").GetString()));
        await ApiDriver.Expect(await factory.BankRefund(sale.AlphaAccount, 100m, ApiDriver.NewId("ref"), factory.Now), HttpStatusCode.OK);
        var alpha = Row(await Deposits(sale, sale.Centre), "001");
        Assert.Equal(("refunded", 100m, "onTime"), (alpha.GetProperty("status").GetString(), alpha.GetProperty("refunded").GetDecimal(), alpha.GetProperty("refundTimeliness").GetString()));
    }

    [Fact]
    public async Task Only_the_owning_centre_and_regulators_see_the_deposits()
    {
        var sale = await Run(_api, sold: true);
        await ApiDriver.ExpectProblem(await (await _api.Centre()).Client.GetAsync($"/api/listings/{sale.Id}/deposits"), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        await ApiDriver.ExpectProblem(await sale.Alpha.Client.GetAsync($"/api/listings/{sale.Id}/deposits"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync($"/api/listings/{sale.Id}/deposits"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await ApiDriver.ExpectProblem(await sale.Centre.Client.GetAsync("/api/listings/L0000000000000000/deposits"), HttpStatusCode.NotFound, "LISTING_NOT_FOUND");
    }
}
