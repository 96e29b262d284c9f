using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.Flows;

/// <summary>A listing from publication to result, over HTTP only (API.md; DOMAIN §6.6 J1–J3, R-DEP-01/02, R-LST-07, §6.7).</summary>
[Collection(GatewayCollection.Name)]
public sealed partial class ListingLifecycleTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Jiangsu_industrial_listing_runs_from_publication_through_timed_bidding_to_a_sale_with_a_verifiable_record()
    {
        var centre = await _api.Centre();
        var alpha = await _api.Bidder("alpha");
        var beta = await _api.Bidder("beta");
        const decimal reserve = 315_500m; // appears nowhere else, so its absence from public output is meaningful

        // Publication: industrial grade 7, 1000 m² → floor 288 yuan/m² × 1000 = 288,000 (DOMAIN §8.1).
        var body = _api.ListingBody(use: "industrial", landGrade: 7, areaM2: 1000m, startingPrice: 300_000m, increment: 10_000m,
            deposit: 60_000m, timedStyle: "jiangsu", countdownSeconds: 240);
        var response = await ApiDriver.PostJson(centre.Client, "/api/listings", body);
        var view = await ApiDriver.Expect(response, HttpStatusCode.Created);
        var id = view.GetProperty("id").GetString()!;
        Assert.Equal($"/api/listings/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("announced", view.GetProperty("status").GetString());
        Assert.Equal(centre.Centre, view.GetProperty("centre").GetString());
        Assert.False(view.GetProperty("hasReserve").GetBoolean());
        Assert.Equal(288_000m, view.GetProperty("floor").GetProperty("total").GetDecimal());
        Assert.Equal("jiangsu", view.GetProperty("timedBidding").GetProperty("style").GetString());
        var startsAt = view.GetProperty("biddingStartsAt").GetDateTimeOffset();
        var endsAt = view.GetProperty("biddingEndsAt").GetDateTimeOffset();

        // R-COM-08: the reserve is sealed once and only "hasReserve" is ever public.
        Assert.Equal(HttpStatusCode.NoContent, (await ApiDriver.PostJson(centre.Client, $"/api/listings/{id}/reserve", new { reservePrice = reserve })).StatusCode);
        var sealedView = await _api.Listing(id);
        Assert.True(sealedView.GetProperty("hasReserve").GetBoolean());
        Assert.False(ApiDriver.ContainsNumber(sealedView, reserve));

        // R-DEP-01: each application gets its own 13-digit deposit sub-account.
        var applicationA = await _api.Apply(alpha, id);
        var applicationB = await _api.Apply(beta, id);
        foreach (var application in new[] { applicationA, applicationB })
        {
            Assert.Matches(ThirteenDigits(), application.GetProperty("depositAccount").GetString()!);
            Assert.Equal("awaitingDeposit", application.GetProperty("status").GetString());
            Assert.Equal(60_000m, application.GetProperty("depositDue").GetDecimal());
        }
        Assert.NotEqual(applicationA.GetProperty("depositAccount").GetString(), applicationB.GetProperty("depositAccount").GetString());

        // R-DEP-02: two partial credits add up; qualification opens when the total reaches the deposit.
        var accountA = applicationA.GetProperty("depositAccount").GetString()!;
        var first = await ApiDriver.Expect(await _api.Credit(accountA, 20_000m), HttpStatusCode.OK);
        Assert.Equal("awaitingDeposit", first.GetProperty("status").GetString());
        var mineA = await _api.Mine(alpha, id);
        Assert.Equal(("awaitingDeposit", 20_000m), (mineA.GetProperty("status").GetString(), mineA.GetProperty("depositPaid").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, mineA.GetProperty("bidderNo").ValueKind);
        var second = await ApiDriver.Expect(await _api.Credit(accountA, 40_000m), HttpStatusCode.OK);
        Assert.Equal("qualified", second.GetProperty("status").GetString());
        mineA = await _api.Mine(alpha, id);
        Assert.Equal("qualified", mineA.GetProperty("status").GetString());
        Assert.Equal(60_000m, mineA.GetProperty("depositPaid").GetDecimal());
        var alphaNo = mineA.GetProperty("bidderNo").GetString()!;
        Assert.Equal("001", alphaNo);
        var full = await ApiDriver.Expect(await _api.Credit(applicationB.GetProperty("depositAccount").GetString()!, 60_000m), HttpStatusCode.OK);
        Assert.Equal("qualified", full.GetProperty("status").GetString());
        var betaNo = (await _api.Mine(beta, id)).GetProperty("bidderNo").GetString()!;
        Assert.Equal("002", betaNo);

        // Free-quote period: bids over REST.
        factory.AdvanceTo(startsAt);
        Assert.Equal("open", (await _api.Listing(id)).GetProperty("status").GetString());
        var bid1 = await _api.Accepted(alpha, id, 300_000m);
        AssertReceipt(bid1, id, alphaNo, 300_000m, "listing", endsAt);
        var bid2 = await _api.Accepted(beta, id, 310_000m);
        AssertReceipt(bid2, id, betaNo, 310_000m, "listing", endsAt);
        Assert.True(bid2.GetProperty("seq").GetInt64() > bid1.GetProperty("seq").GetInt64());

        // J1: two bidders took part, so the deadline converts to timed bidding from the current highest quote.
        factory.AdvanceTo(endsAt);
        var timed = await _api.Listing(id);
        Assert.Equal("timedBidding", timed.GetProperty("status").GetString());
        Assert.Equal(endsAt.AddSeconds(240), timed.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(320_000m, timed.GetProperty("minNextBid").GetDecimal());

        // J2: every timed bid restarts the 240 s countdown from the bid's own server time.
        factory.AdvanceTo(endsAt.AddSeconds(100));
        var bid3 = await _api.Accepted(alpha, id, 320_000m);
        AssertReceipt(bid3, id, alphaNo, 320_000m, "timed", factory.Now.AddSeconds(240));
        factory.AdvanceTo(endsAt.AddSeconds(300)); // after the first countdown (end + 240 s), inside the restarted one
        var bid4 = await _api.Accepted(beta, id, 330_000m);
        var finalDeadline = factory.Now.AddSeconds(240);
        AssertReceipt(bid4, id, betaNo, 330_000m, "timed", finalDeadline);
        Assert.Equal(finalDeadline, (await _api.Listing(id)).GetProperty("deadline").GetDateTimeOffset());

        // Before the countdown runs out there is no result.
        await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync($"/api/listings/{id}/result"), HttpStatusCode.Conflict, "NOT_CLOSED");

        factory.AdvanceTo(finalDeadline.AddSeconds(1));
        var result = await _api.Get($"/api/listings/{id}/result");
        Assert.Equal("sold", result.GetProperty("outcome").GetString());
        Assert.Equal(betaNo, result.GetProperty("winnerBidderNo").GetString());
        Assert.Equal(beta.Name, result.GetProperty("winnerName").GetString());
        Assert.Equal(330_000m, result.GetProperty("price").GetDecimal());
        Assert.Equal(finalDeadline, result.GetProperty("closedAt").GetDateTimeOffset());
        Assert.Equal("sold", (await _api.Listing(id)).GetProperty("status").GetString());

        // The public bid log, in seq order.
        var bids = (await _api.Get($"/api/listings/{id}/bids")).EnumerateArray().ToArray();
        Assert.Equal([300_000m, 310_000m, 320_000m, 330_000m], bids.Select(b => b.GetProperty("amount").GetDecimal()));
        Assert.Equal([alphaNo, betaNo, alphaNo, betaNo], bids.Select(b => b.GetProperty("bidderNo").GetString()));
        Assert.Equal(["listing", "listing", "timed", "timed"], bids.Select(b => b.GetProperty("phase").GetString()));
        Assert.Equal(new[] { bid1, bid2, bid3, bid4 }.Select(b => b.GetProperty("seq").GetInt64()), bids.Select(b => b.GetProperty("seq").GetInt64()));

        // The public events: gapless seq 1..n, everything that happened, redacted (no reserve, no identities).
        var events = await _api.Events(id);
        Assert.Equal(Enumerable.Range(1, events.Length).Select(i => (long)i), events.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(
            ["published", "reserveSealed", "bidderQualified", "bidderQualified", "biddingOpened", "bidAccepted", "bidAccepted",
             "timedBiddingStarted", "bidAccepted", "bidAccepted", "closed"],
            events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("listingId").GetString()));
        var closed = events[^1];
        Assert.Equal(("sold", betaNo, 330_000m), (closed.GetProperty("outcome").GetString(), closed.GetProperty("winnerBidderNo").GetString(), closed.GetProperty("price").GetDecimal()));
        Assert.Equal(310_000m, events.Single(e => e.GetProperty("type").GetString() == "timedBiddingStarted").GetProperty("startPrice").GetDecimal());
        var publicText = string.Join('\n', events.Select(e => e.GetRawText()));
        Assert.DoesNotContain(events, e => ApiDriver.ContainsNumber(e, reserve));
        Assert.DoesNotContain("reservePrice", publicText, StringComparison.OrdinalIgnoreCase);
        foreach (var party in new[] { alpha, beta })
        {
            Assert.DoesNotContain(party.Subject, publicText);
            Assert.DoesNotContain(party.Name, publicText);
        }
        Assert.DoesNotContain(centre.Subject, publicText);

        // The regulator's record: the reserve, every event un-redacted and hash-chained, the bidder map.
        var regulator = await _api.Regulator();
        var record = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{id}/record"), HttpStatusCode.OK);
        Assert.Equal(reserve, record.GetProperty("reservePrice").GetDecimal());
        var recorded = record.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(events.Select(e => e.GetProperty("seq").GetInt64()), recorded.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(events.Select(e => e.GetProperty("type").GetString()), recorded.Select(e => e.GetProperty("type").GetString()));
        for (var i = 0; i < recorded.Length; i++)
        {
            Assert.False(string.IsNullOrEmpty(recorded[i].GetProperty("hash").GetString()));
            Assert.False(string.IsNullOrEmpty(recorded[i].GetProperty("data").GetString()));
            if (i > 0) Assert.Equal(recorded[i - 1].GetProperty("hash").GetString(), recorded[i].GetProperty("prevHash").GetString());
        }
        Assert.Contains(recorded, e => e.GetProperty("type").GetString() == "bidAccepted" && e.GetProperty("data").GetString()!.Contains(alpha.Subject));
        var bidders = record.GetProperty("bidders").EnumerateArray().ToDictionary(b => b.GetProperty("bidderNo").GetString()!, b => b.GetProperty("bidderId").GetString());
        Assert.Equal(new Dictionary<string, string?> { [alphaNo] = alpha.Subject, [betaNo] = beta.Subject }, bidders);
        Assert.Equal(288_000m, record.GetProperty("floor").GetProperty("total").GetDecimal());

        var verify = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{id}/record/verify"), HttpStatusCode.OK);
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(recorded.Length, verify.GetProperty("events").GetInt64());
        Assert.Equal(recorded[^1].GetProperty("hash").GetString(), verify.GetProperty("headHash").GetString());

        // R-REG-02: the award with the industrial floor check.
        var awards = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/awards?centre={centre.Centre}&use=industrial&outcome=sold"), HttpStatusCode.OK);
        var award = Assert.Single(awards.EnumerateArray(), a => a.GetProperty("listingId").GetString() == id);
        Assert.Equal("sold", award.GetProperty("outcome").GetString());
        Assert.Equal(330_000m, award.GetProperty("price").GetDecimal());
        Assert.Equal(reserve, award.GetProperty("reservePrice").GetDecimal());
        Assert.Equal(beta.Name, award.GetProperty("winnerName").GetString());
        var check = award.GetProperty("floorCheck");
        Assert.Equal(288_000m, check.GetProperty("floor").GetDecimal());
        Assert.Equal(330_000m, check.GetProperty("price").GetDecimal());
        Assert.True(check.GetProperty("passed").GetBoolean());
        Assert.Equal("pass", check.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_floor_check_of_a_failed_industrial_listing_is_not_applicable_never_passed()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre, _api.ListingBody(use: "industrial", landGrade: 7, areaM2: 1000m, startingPrice: 300_000m, increment: 1_000m, deposit: 60_000m));
        factory.AdvanceTo(listing.EndsAt);
        Assert.Equal("failed", (await _api.Get($"/api/listings/{listing.Id}/result")).GetProperty("outcome").GetString());
        var regulator = await _api.Regulator();

        var awards = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/awards?centre={centre.Centre}"), HttpStatusCode.OK);

        var check = Assert.Single(awards.EnumerateArray(), a => a.GetProperty("listingId").GetString() == listing.Id).GetProperty("floorCheck");
        Assert.Equal(("notApplicable", JsonValueKind.Null, 288_000m), (check.GetProperty("status").GetString(), check.GetProperty("passed").ValueKind, check.GetProperty("floor").GetDecimal()));
    }

    [Fact]
    public async Task Result_is_409_NOT_CLOSED_until_the_listing_has_ended()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);

        await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync($"/api/listings/{listing.Id}/result"), HttpStatusCode.Conflict, "NOT_CLOSED");
        factory.AdvanceTo(listing.StartsAt);
        await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync($"/api/listings/{listing.Id}/result"), HttpStatusCode.Conflict, "NOT_CLOSED");
    }

    [Fact]
    public async Task DOMAIN_6_7_1_no_qualified_bidder_fails_with_noQualifiedBidders()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        var applicant = await _api.Bidder();
        await _api.Apply(applicant, listing.Id); // applied but never paid: not qualified

        factory.AdvanceTo(listing.EndsAt);
        var result = await _api.Get($"/api/listings/{listing.Id}/result");
        AssertFailed(result, "noQualifiedBidders", listing.EndsAt);
        Assert.Equal("failed", (await _api.Listing(listing.Id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task DOMAIN_6_7_2_R_LST_07_qualified_bidders_without_quotes_fail_with_noBids()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre, _api.ListingBody(timedStyle: "jiangsu"));
        await _api.Qualify(await _api.Bidder(), listing.Id);
        await _api.Qualify(await _api.Bidder(), listing.Id);

        factory.AdvanceTo(listing.EndsAt);
        AssertFailed(await _api.Get($"/api/listings/{listing.Id}/result"), "noBids", listing.EndsAt);
    }

    [Fact]
    public async Task DOMAIN_6_7_3_F8_J4_highest_quote_below_the_reserve_fails_with_belowReserve()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre, _api.ListingBody(reservePrice: 1100m));
        Assert.True(listing.View.GetProperty("hasReserve").GetBoolean());
        var bidder = await _api.Bidder();
        await _api.Qualify(bidder, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        await _api.Accepted(bidder, listing.Id, 1000m);
        await _api.Accepted(bidder, listing.Id, 1050m);

        factory.AdvanceTo(listing.EndsAt);
        var result = await _api.Get($"/api/listings/{listing.Id}/result");
        AssertFailed(result, "belowReserve", listing.EndsAt);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("price").ValueKind);
        // The failure names no reserve value either.
        Assert.False(ApiDriver.ContainsNumber(result, 1100m));
        Assert.DoesNotContain(await _api.Events(listing.Id), e => ApiDriver.ContainsNumber(e, 1100m));
    }

    [Fact]
    public async Task R_LST_07_without_timed_bidding_the_highest_quote_wins_at_the_deadline()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        var alpha = await _api.Bidder("alpha");
        var beta = await _api.Bidder("beta");
        await _api.Qualify(alpha, listing.Id);
        var betaNo = await _api.Qualify(beta, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        await _api.Accepted(alpha, listing.Id, 1000m);
        await _api.Accepted(beta, listing.Id, 1010m);

        factory.AdvanceTo(listing.EndsAt);
        var result = await _api.Get($"/api/listings/{listing.Id}/result");
        Assert.Equal(("sold", betaNo, 1010m), (result.GetProperty("outcome").GetString(), result.GetProperty("winnerBidderNo").GetString(), result.GetProperty("price").GetDecimal()));
        await ApiDriver.ExpectProblem(await _api.Bid(alpha, listing.Id, 2000m), HttpStatusCode.Conflict, "BIDDING_CLOSED");
    }

    [Fact]
    public async Task R_FRZ_05_termination_ends_the_listing_as_failed_terminated_and_refuses_bids()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        var bidder = await _api.Bidder();
        await _api.Qualify(bidder, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        await _api.Accepted(bidder, listing.Id, 1000m);

        var terminate = await ApiDriver.PostJson(centre.Client, $"/api/listings/{listing.Id}/terminate", new { reason = "court seal on the parcel" });
        Assert.Equal(HttpStatusCode.NoContent, terminate.StatusCode);

        var result = await _api.Get($"/api/listings/{listing.Id}/result");
        Assert.Equal("failed", result.GetProperty("outcome").GetString());
        Assert.Equal("terminated", result.GetProperty("reason").GetString());
        Assert.Equal("terminated", (await _api.Listing(listing.Id)).GetProperty("status").GetString());
        var last = (await _api.Events(listing.Id))[^1];
        Assert.Equal(("terminated", "court seal on the parcel"), (last.GetProperty("type").GetString(), last.GetProperty("reason").GetString()));
        await ApiDriver.ExpectProblem(await _api.Bid(bidder, listing.Id, 1010m), HttpStatusCode.Conflict, "BIDDING_CLOSED");
        // Terminating twice is not a transition.
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, $"/api/listings/{listing.Id}/terminate", new { reason = "again" }), HttpStatusCode.Conflict, "INVALID_TRANSITION");
    }

    [Fact]
    public async Task R_FRZ_01_suspension_refuses_bids_and_resumption_extends_the_deadline_by_the_suspended_time()
    {
        var centre = await _api.Centre();
        var listing = await _api.Publish(centre);
        var bidder = await _api.Bidder();
        await _api.Qualify(bidder, listing.Id);
        factory.AdvanceTo(listing.StartsAt.AddMinutes(10));

        Assert.Equal(HttpStatusCode.NoContent, (await ApiDriver.PostJson(centre.Client, $"/api/listings/{listing.Id}/suspend", new { reason = "network failure" })).StatusCode);
        Assert.Equal("suspended", (await _api.Listing(listing.Id)).GetProperty("status").GetString());
        await ApiDriver.ExpectProblem(await _api.Bid(bidder, listing.Id, 1000m), HttpStatusCode.Conflict, "LISTING_SUSPENDED");

        factory.AdvanceTo(listing.StartsAt.AddMinutes(40));
        Assert.Equal(HttpStatusCode.NoContent, (await ApiDriver.PostJson(centre.Client, $"/api/listings/{listing.Id}/resume", new { })).StatusCode);
        var resumed = await _api.Listing(listing.Id);
        Assert.Equal("open", resumed.GetProperty("status").GetString());
        Assert.Equal(listing.EndsAt.AddMinutes(30), resumed.GetProperty("deadline").GetDateTimeOffset());
        await _api.Accepted(bidder, listing.Id, 1000m);
    }

    [Fact]
    public async Task R_IND_03_industrial_starting_price_below_the_floor_is_422_FLOOR_VIOLATION_with_the_floor()
    {
        var centre = await _api.Centre();
        var body = _api.ListingBody(use: "industrial", landGrade: 7, areaM2: 1000m, startingPrice: 200_000m, increment: 10_000m, deposit: 40_000m);
        var problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", body), HttpStatusCode.UnprocessableEntity, "FLOOR_VIOLATION");
        var floor = problem.GetProperty("floor");
        Assert.Equal((7, 288m, 1.00m, 288m, 288_000m),
            (floor.GetProperty("grade").GetInt32(), floor.GetProperty("basePerM2").GetDecimal(), floor.GetProperty("factor").GetDecimal(),
             floor.GetProperty("perM2").GetDecimal(), floor.GetProperty("total").GetDecimal()));
    }

    private static void AssertReceipt(JsonElement receipt, string listingId, string bidderNo, decimal amount, string phase, DateTimeOffset deadline)
    {
        Assert.True(receipt.GetProperty("seq").GetInt64() > 0);
        Assert.Equal(listingId, receipt.GetProperty("listingId").GetString());
        Assert.Equal(bidderNo, receipt.GetProperty("bidderNo").GetString());
        Assert.Equal(amount, receipt.GetProperty("amount").GetDecimal());
        Assert.Equal(phase, receipt.GetProperty("phase").GetString());
        Assert.Equal(deadline, receipt.GetProperty("deadline").GetDateTimeOffset());
        Assert.NotEqual(default, receipt.GetProperty("acceptedAt").GetDateTimeOffset());
    }

    private static void AssertFailed(JsonElement result, string reason, DateTimeOffset closedAt)
    {
        Assert.Equal("failed", result.GetProperty("outcome").GetString());
        Assert.Equal(reason, result.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("winnerBidderNo").ValueKind);
        Assert.Equal(closedAt, result.GetProperty("closedAt").GetDateTimeOffset());
        Assert.True(result.GetProperty("seq").GetInt64() > 0);
    }

    [GeneratedRegex("^[1-9][0-9]{12}$")]
    private static partial Regex ThirteenDigits();
}
