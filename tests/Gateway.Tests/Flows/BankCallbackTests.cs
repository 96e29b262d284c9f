using System.Net;
using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.Flows;

/// <summary>
/// Bank credit callbacks (issue 8 item 6): money dated before the application is refused, the server's receipt
/// time is recorded beside the bank's and shown with the credit, and a bank transaction id names one credit: the
/// same id with another body is 409 wherever it is sent, an identical replay stays a 200 duplicate.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BankCallbackTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_credit_dated_before_the_application_is_422_on_creditedAt_and_records_nothing()
    {
        var (listing, account, _) = await Applied();
        var before = await Stored(listing, account);

        var problem = await ApiDriver.ExpectProblem(await factory.BankCredit(account, 100m, ApiDriver.NewId("txn"), factory.Now.AddMinutes(-1)),
            HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.Contains("application", problem.GetProperty("errors").GetProperty("creditedAt")[0].GetString());
        Assert.Equal(before, await Stored(listing, account));
        Assert.Equal(0m, (await _api.Mine(Owner(listing), listing)).GetProperty("depositPaid").GetDecimal());
    }

    [Fact]
    public async Task The_receipt_time_is_recorded_beside_the_bank_time_and_shown_with_the_credit()
    {
        var (listing, account, centre) = await Applied();
        var creditedAt = factory.Now.AddMinutes(1);
        factory.AdvanceTo(factory.Now.AddMinutes(10));
        var receivedAt = factory.Now;
        var txn = ApiDriver.NewId("txn");

        var accepted = await ApiDriver.Expect(await factory.BankCredit(account, 100m, txn, creditedAt), HttpStatusCode.OK);
        Assert.Equal((creditedAt, receivedAt), (accepted.GetProperty("creditedAt").GetDateTimeOffset(), accepted.GetProperty("receivedAt").GetDateTimeOffset()));

        var applications = await ApiDriver.Expect(await centre.Client.GetAsync($"/api/listings/{listing}/applications"), HttpStatusCode.OK);
        var credit = Assert.Single(applications[0].GetProperty("credits").EnumerateArray());
        Assert.Equal((txn, 100m, creditedAt, receivedAt, true),
            (credit.GetProperty("bankTxnId").GetString(), credit.GetProperty("amount").GetDecimal(), credit.GetProperty("creditedAt").GetDateTimeOffset(),
             credit.GetProperty("receivedAt").GetDateTimeOffset(), credit.GetProperty("onTime").GetBoolean()));
        var mine = Assert.Single((await _api.Mine(Owner(listing), listing)).GetProperty("credits").EnumerateArray());
        Assert.Equal(receivedAt, mine.GetProperty("receivedAt").GetDateTimeOffset());

        // In the record, the credit event holds both times.
        var record = await ApiDriver.Expect(await (await _api.Regulator()).Client.GetAsync($"/api/regulator/listings/{listing}/record"), HttpStatusCode.OK);
        var data = JsonDocument.Parse(record.GetProperty("registration").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "depositCredited")
            .GetProperty("data").GetString()!).RootElement;
        Assert.Equal((creditedAt, receivedAt), (data.GetProperty("creditedAt").GetDateTimeOffset(), data.GetProperty("receivedAt").GetDateTimeOffset()));
    }

    [Fact]
    public async Task A_reused_bank_transaction_id_with_another_body_is_409_and_records_nothing_and_an_identical_replay_is_a_200_duplicate()
    {
        var (listing, account, _) = await Applied();
        var (otherListing, otherAccount, _) = await Applied();
        var txn = ApiDriver.NewId("txn");
        var creditedAt = factory.Now;
        var first = await ApiDriver.Expect(await factory.BankCredit(account, 40m, txn, creditedAt), HttpStatusCode.OK);
        Assert.False(first.GetProperty("duplicate").GetBoolean());
        var before = (await Stored(listing, account), await Stored(otherListing, otherAccount));

        foreach (var (to, amount, at, what) in new[]
        {
            (account, 41m, creditedAt, "amount"),
            (account, 40m, creditedAt.AddSeconds(1), "creditedAt"),
            (otherAccount, 40m, creditedAt, "account"), // another application, on another listing
            ("9999999999999", 40m, creditedAt, "account"), // an account nobody owns
        })
        {
            var problem = await ApiDriver.ExpectProblem(await factory.BankCredit(to, amount, txn, at), HttpStatusCode.Conflict, "IDEMPOTENCY_MISMATCH");
            Assert.Contains(what, problem.GetProperty("detail").GetString());
        }
        Assert.Equal(before, (await Stored(listing, account), await Stored(otherListing, otherAccount)));
        Assert.DoesNotContain(await factory.Store.ReadAsync("deposit-account/9999999999999", 0), e => e.Data.Contains(txn));

        var replay = await ApiDriver.Expect(await factory.BankCredit(account, 40.00m, txn, creditedAt), HttpStatusCode.OK);
        Assert.True(replay.GetProperty("duplicate").GetBoolean());
        Assert.Equal((40m, first.GetProperty("receivedAt").GetDateTimeOffset()), (replay.GetProperty("depositPaid").GetDecimal(), replay.GetProperty("receivedAt").GetDateTimeOffset()));
        Assert.Equal(before, (await Stored(listing, account), await Stored(otherListing, otherAccount)));
    }

    /// <summary>A listing with one application; returns the listing, its deposit account and the centre.</summary>
    private async Task<(string Listing, string Account, Party Centre)> Applied()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        var bidder = await _api.Bidder();
        _owners[listing.Id] = bidder;
        var application = await _api.Apply(bidder, listing.Id);
        return (listing.Id, application.GetProperty("depositAccount").GetString()!, centre);
    }

    private readonly Dictionary<string, Party> _owners = [];

    private Party Owner(string listing) => _owners[listing];

    /// <summary>How many entries the listing's registration stream and the account's stream hold.</summary>
    private async Task<(int Registration, int Account)> Stored(string listing, string account) =>
        ((await factory.Store.ReadAsync($"registration/{listing}", 0)).Count, (await factory.Store.ReadAsync($"deposit-account/{account}", 0)).Count);
}
