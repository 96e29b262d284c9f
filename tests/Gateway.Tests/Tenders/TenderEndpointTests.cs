using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Gateway.Records;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Gateway.Tests.Tenders;

/// <summary>
/// Tenders over the API (API.md v2 "Tender"): both kinds end to end, sealed until the opening on every read path (view,
/// list, events, bids, hub, the regulator's record and verification), a bidder checking its commitment against the
/// opening, the committee's sheets, the record verified online and offline; roles, idempotency and bad input.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TenderEndpointTests(GatewayFactory factory)
{
    private const string Proposal = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private readonly ApiDriver _api = new(factory);

    private async Task<(Party Centre, PublishedListing Tender, Party[] Bidders)> Open(JsonObject body, int bidders = 3)
    {
        var centre = await _api.Centre();
        var tender = await _api.Publish(centre, body);
        var parties = new Party[bidders];
        for (var i = 0; i < bidders; i++)
        {
            parties[i] = await _api.Bidder($"bidder{i}");
            Assert.Equal($"00{i + 1}", await _api.Qualify(parties[i], tender.Id));
        }
        factory.AdvanceTo(tender.StartsAt);
        return (centre, tender, parties);
    }

    /// <summary>
    /// What anyone can read about the listing, the regulator and the owning centre included: view, list entry, events,
    /// bids, applications, record, verification (less the checkpoint, which a timer may sign meanwhile).
    /// </summary>
    private async Task<string> EveryReadPath(PublishedListing tender, Party centre, Party regulator)
    {
        var record = JsonNode.Parse((await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{tender.Id}/record"), HttpStatusCode.OK)).GetRawText())!.AsObject();
        record.Remove("checkpoint");
        var verify = JsonNode.Parse((await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{tender.Id}/record/verify"), HttpStatusCode.OK)).GetRawText())!.AsObject();
        verify.Remove("signedSeq");
        verify.Remove("signatureValid");
        return string.Join("\n",
            (await _api.Listing(tender.Id)).GetRawText(),
            Assert.Single(await _api.Listings($"centre={centre.Centre}"), l => l.GetProperty("id").GetString() == tender.Id).GetRawText(),
            (await _api.Get($"/api/listings/{tender.Id}/events")).GetRawText(),
            (await _api.Get($"/api/listings/{tender.Id}/bids")).GetRawText(),
            (await ApiDriver.Expect(await centre.Client.GetAsync($"/api/listings/{tender.Id}/applications"), HttpStatusCode.OK)).GetRawText(),
            record.ToJsonString(), verify.ToJsonString());
    }

    [Fact]
    public async Task A_price_tender_stays_sealed_until_its_opening_then_each_bidder_checks_its_commitment_and_the_record_verifies()
    {
        var (centre, tender, bidders) = await Open(_api.TenderBody(reservePrice: 1050m));
        var regulator = await _api.Regulator();
        var open = await _api.Listing(tender.Id);
        Assert.Equal(("tender", "open", "tender", "highestPrice", 3), (open.GetProperty("method").GetString(), open.GetProperty("status").GetString(),
            open.GetProperty("phase").GetString(), open.GetProperty("tender").GetProperty("evaluation").GetString(), open.GetProperty("tender").GetProperty("minTenderers").GetInt32()));
        await using var watcher = _api.Hub(null);
        var received = new ReceivedEvents(watcher);
        await watcher.StartAsync();
        var watched = await watcher.InvokeAsync<JsonElement>("Watch", tender.Id, 0L);
        var before = await EveryReadPath(tender, centre, regulator);

        var amounts = new[] { 1040.25m, 1313.13m, 1212.12m };
        var receipts = new List<JsonElement>();
        for (var i = 0; i < 3; i++) receipts.Add(await _api.Tendered(bidders[i], tender.Id, amounts[i], proposalSha256: i == 1 ? Proposal : null));

        // Sealed: nothing anyone can read changed, no hub event arrived; each bidder reads its own receipt only.
        Assert.Equal(before, await EveryReadPath(tender, centre, regulator));
        await Task.Delay(300);
        Assert.Empty(received.For(tender.Id));
        Assert.Equal(watched.GetProperty("snapshot").GetProperty("seq").GetInt64(), (await _api.Listing(tender.Id)).GetProperty("seq").GetInt64());
        var mine = await ApiDriver.Expect(await bidders[1].Client.GetAsync($"/api/listings/{tender.Id}/tenders/mine"), HttpStatusCode.OK);
        Assert.Equal(receipts[1].GetRawText(), mine.GetRawText());
        Assert.Equal(("002", 1313.13m, Proposal, 64), (mine.GetProperty("bidderNo").GetString(), mine.GetProperty("amount").GetDecimal(),
            mine.GetProperty("proposalSha256").GetString(), mine.GetProperty("salt").GetString()!.Length));
        await ApiDriver.ExpectProblem(await (await _api.Bidder()).Client.GetAsync($"/api/listings/{tender.Id}/tenders/mine"), HttpStatusCode.NotFound, "TENDER_NOT_FOUND");
        await ApiDriver.ExpectProblem(await centre.Client.GetAsync($"/api/listings/{tender.Id}/tenders/mine"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await regulator.Client.GetAsync($"/api/listings/{tender.Id}/tenders/mine"), HttpStatusCode.Forbidden, "FORBIDDEN");

        // The opening, by the server clock: the hub and the events announce every tender; each bidder recomputes its commitment.
        factory.AdvanceTo(tender.EndsAt);
        var result = await _api.Get($"/api/listings/{tender.Id}/result");
        Assert.Equal(("sold", "002", 1313.13m, "tenderHighestPrice", bidders[1].Name), (result.GetProperty("outcome").GetString(), result.GetProperty("winnerBidderNo").GetString(),
            result.GetProperty("price").GetDecimal(), result.GetProperty("dealMethod").GetString(), result.GetProperty("winnerName").GetString()));
        await received.WaitForSeq(tender.Id, (await _api.Listing(tender.Id)).GetProperty("seq").GetInt64());
        var opened = received.For(tender.Id).Single(e => e.GetProperty("type").GetString() == "tendersOpened");
        Assert.Equal(64, opened.GetProperty("boxHeadHash").GetString()!.Length);
        var announced = opened.GetProperty("tenders").EnumerateArray().ToArray();
        Assert.Equal([false, true, true], announced.Select(t => t.GetProperty("valid").GetBoolean()));
        Assert.Equal("belowReserve", announced[0].GetProperty("invalidReason").GetString());
        for (var i = 0; i < 3; i++)
        {
            var t = announced[i];
            var text = $"{tender.Id}|{t.GetProperty("bidderNo").GetString()}|{t.GetProperty("amount").GetDecimal():0.00}|{(t.TryGetProperty("proposalSha256", out var p) ? p.GetString() : "")}|{t.GetProperty("salt").GetString()}";
            var recomputed = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            Assert.Equal(receipts[i].GetProperty("commitment").GetString(), recomputed);
            Assert.Equal(bidders[i].Name, t.GetProperty("name").GetString());
            Assert.False(t.TryGetProperty("bidderId", out _));
        }

        // The regulator's record holds the box's chain from the opening on, and verifies online and offline.
        var record = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{tender.Id}/record"), HttpStatusCode.OK);
        var box = Assert.Single(record.GetProperty("boxes").EnumerateArray());
        Assert.Equal(("tenders", 4), (box.GetProperty("box").GetString(), box.GetProperty("events").GetArrayLength()));
        var verify = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{tender.Id}/record/verify"), HttpStatusCode.OK);
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.GetRawText());
        await VerifiesOffline(tender.Id, record.GetRawText());

        // The regulator's checklist reads R-TEN-04 from the opening: three tenders were opened.
        Assert.Equal(("pass", "3 tenders were opened (at least 3)"), await TenderersCheck(regulator, centre, tender.Id));
    }

    /// <summary>The R-TEN-04 line of the regulator's compliance report for one sale: its status and its detail.</summary>
    private static async Task<(string?, string?)> TenderersCheck(Party regulator, Party centre, string listingId)
    {
        var report = (await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/compliance?centre={centre.Centre}"), HttpStatusCode.OK))
            .EnumerateArray().Single(r => r.GetProperty("listingId").GetString() == listingId);
        var check = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("rule").GetString() == "R-TEN-04");
        return (check.GetProperty("status").GetString(), check.GetProperty("detail").GetString());
    }

    /// <summary>The offline <c>verify</c> command accepts the downloaded record and reports a box with an item taken out.</summary>
    private async Task VerifiesOffline(string listingId, string recordJson)
    {
        var folder = Directory.CreateTempSubdirectory("auction-tender-verify-").FullName;
        try
        {
            var keys = Path.Combine(folder, "keys.json");
            await File.WriteAllTextAsync(keys, await (await _api.Anonymous.GetAsync("/api/checkpoint-keys")).Content.ReadAsStringAsync());
            var (exit, output) = Verify(Path.Combine(folder, "record.json"), recordJson, keys);
            Assert.True(exit == VerifyCommand.Valid, output);
            Assert.Contains("sealed boxes opened: tenders (3 items)", output);

            var tampered = JsonNode.Parse(recordJson)!;
            tampered["boxes"]![0]!["events"]!.AsArray().RemoveAt(0);
            (exit, output) = Verify(Path.Combine(folder, "tampered.json"), tampered.ToJsonString(), keys);
            Assert.True(exit == VerifyCommand.Invalid, output);
            Assert.StartsWith($"INVALID: listing {listingId}: chainBroken at seq 1 in box/{listingId}/tenders", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int Exit, string Output) Verify(string path, string json, string keys)
    {
        File.WriteAllText(path, json);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = VerifyCommand.Run(["--record", path, "--public-key", keys], output, error);
        return (exit, output + error.ToString());
    }

    private static object Sheet(string evaluator, decimal score = 20m, string? requestId = null, int tenders = 3) => new
    {
        requestId = requestId ?? $"sheet-{evaluator}",
        evaluator = new { id = evaluator, name = $"Expert {evaluator}" },
        scores = Enumerable.Range(1, tenders).SelectMany(n => new[] { "plan", "industry" }.Select(c => new { bidderNo = $"00{n}", criterion = c, score = n == 1 ? 28m : score })).ToArray(),
    };

    [Fact]
    public async Task A_comprehensive_tender_is_evaluated_by_the_owning_centre_with_one_sheet_per_evaluator_and_awarded_to_the_best_score()
    {
        var (centre, tender, bidders) = await Open(_api.TenderBody("comprehensive"));
        var amounts = new[] { 1100m, 1300m, 1200m };
        for (var i = 0; i < 3; i++) await _api.Tendered(bidders[i], tender.Id, amounts[i]);
        await ApiDriver.ExpectProblem(await ApiDriver.Sheet(centre, tender.Id, Sheet("e1")), HttpStatusCode.Conflict, "INVALID_TRANSITION");

        factory.AdvanceTo(tender.EndsAt);
        Assert.Equal("evaluating", (await _api.Listing(tender.Id)).GetProperty("status").GetString());
        await ApiDriver.ExpectProblem(await ApiDriver.Sheet(bidders[0], tender.Id, Sheet("e1")), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.Sheet(await _api.Centre(), tender.Id, Sheet("e1")), HttpStatusCode.Forbidden, "NOT_LISTING_OWNER");
        var tooHigh = await ApiDriver.ExpectProblem(await ApiDriver.Sheet(centre, tender.Id, Sheet("e1", score: 30.5m)), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(tooHigh.GetProperty("errors").TryGetProperty("scores[2].score", out _), tooHigh.GetRawText());
        var tooFew = await ApiDriver.ExpectProblem(await ApiDriver.Sheet(centre, tender.Id, Sheet("e1", tenders: 2)), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(tooFew.GetProperty("errors").TryGetProperty("scores", out _), tooFew.GetRawText());

        var first = await ApiDriver.Sheet(centre, tender.Id, Sheet("e1"));
        var receipt = await ApiDriver.Expect(first, HttpStatusCode.Created);
        Assert.Equal(("e1", "Expert e1", 1, 5), (receipt.GetProperty("evaluator").GetProperty("id").GetString(), receipt.GetProperty("evaluator").GetProperty("name").GetString(),
            receipt.GetProperty("sheetsRecorded").GetInt32(), receipt.GetProperty("committeeSize").GetInt32()));
        var replay = await ApiDriver.Sheet(centre, tender.Id, Sheet("e1"));
        Assert.Equal(receipt.GetRawText(), (await ApiDriver.Expect(replay, HttpStatusCode.Created)).GetRawText());
        Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replay"));
        await ApiDriver.ExpectProblem(await ApiDriver.Sheet(centre, tender.Id, Sheet("e1", score: 21m)), HttpStatusCode.Conflict, "IDEMPOTENCY_MISMATCH");
        await ApiDriver.ExpectProblem(await ApiDriver.Sheet(centre, tender.Id, Sheet("e1", requestId: "another")), HttpStatusCode.Conflict, "SHEET_ALREADY_RECORDED");

        foreach (var evaluator in new[] { "e2", "e3", "e4", "e5" }) await ApiDriver.Expect(await ApiDriver.Sheet(centre, tender.Id, Sheet(evaluator)), HttpStatusCode.Created);

        // 001 tendered the least but scores 28 + 28: 40 × 1100 / 1300 = 33.85 price points, total 89.85.
        var result = await _api.Get($"/api/listings/{tender.Id}/result");
        Assert.Equal(("sold", "001", 1100m, "tenderComprehensive"), (result.GetProperty("outcome").GetString(), result.GetProperty("winnerBidderNo").GetString(),
            result.GetProperty("price").GetDecimal(), result.GetProperty("dealMethod").GetString()));
        var evaluated = (await _api.Events(tender.Id)).Single(e => e.GetProperty("type").GetString() == "evaluated");
        var best = evaluated.GetProperty("ranking")[0];
        Assert.Equal(("001", 33.85m, 56m, 89.85m, 28m), (best.GetProperty("bidderNo").GetString(), best.GetProperty("pricePoints").GetDecimal(),
            best.GetProperty("criteriaPoints").GetDecimal(), best.GetProperty("total").GetDecimal(), best.GetProperty("criteria").GetProperty("plan").GetDecimal()));
        var sheets = (await _api.Events(tender.Id)).Where(e => e.GetProperty("type").GetString() == "evaluationSheetRecorded").ToArray();
        Assert.Equal([1, 2, 3, 4, 5], sheets.Select(s => s.GetProperty("sheetsRecorded").GetInt32()));
        Assert.All(sheets, s => Assert.DoesNotContain("Expert", s.GetRawText(), StringComparison.Ordinal)); // the committee's identities stay in the record

        var regulator = await _api.Regulator();
        var record = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{tender.Id}/record"), HttpStatusCode.OK);
        var recorded = record.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "evaluationSheetRecorded").ToArray();
        Assert.Equal(["Expert e1", "Expert e2", "Expert e3", "Expert e4", "Expert e5"],
            recorded.Select(e => JsonDocument.Parse(e.GetProperty("data").GetString()!).RootElement.GetProperty("evaluator").GetProperty("name").GetString()));
        Assert.True((await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{tender.Id}/record/verify"), HttpStatusCode.OK)).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_tender_is_one_per_bidder_replayed_by_its_requestId_and_refused_to_whoever_may_not_tender_or_not_now()
    {
        // Grade 15, 50,000 m²: the industrial floor is 60 × 50,000 = 3,000,000, above the starting price (the sealed reserve covers it).
        var (centre, tender, bidders) = await Open(_api.TenderBody(minTenderers: 1, reservePrice: 3_000_000m, use: "industrial", landGrade: 15), bidders: 2);
        var applicant = await _api.Bidder("applicant");
        await _api.Apply(applicant, tender.Id);

        var first = await _api.Tender(bidders[0], tender.Id, 3_200_000m, "t-1", Proposal);
        var receipt = await ApiDriver.Expect(first, HttpStatusCode.Created);
        Assert.False(first.Headers.Contains("Idempotent-Replay"));
        var replay = await _api.Tender(bidders[0], tender.Id, 3_200_000m, "t-1", Proposal);
        Assert.Equal(receipt.GetRawText(), (await ApiDriver.Expect(replay, HttpStatusCode.Created)).GetRawText());
        Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replay"));
        await ApiDriver.ExpectProblem(await _api.Tender(bidders[0], tender.Id, 3_300_000m, "t-1", Proposal), HttpStatusCode.Conflict, "IDEMPOTENCY_MISMATCH");
        await ApiDriver.ExpectProblem(await _api.Tender(bidders[0], tender.Id, 3_300_000m, "t-2"), HttpStatusCode.Conflict, "TENDER_ALREADY_SUBMITTED");

        await ApiDriver.ExpectProblem(await _api.Tender(await _api.Bidder("stranger"), tender.Id, 3_200_000m), HttpStatusCode.Forbidden, "NOT_QUALIFIED");
        await ApiDriver.ExpectProblem(await _api.Tender(applicant, tender.Id, 3_200_000m), HttpStatusCode.Forbidden, "DEPOSIT_NOT_PAID");
        await ApiDriver.ExpectProblem(await _api.Tender(centre, tender.Id, 3_200_000m), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiDriver.ExpectProblem(await ApiDriver.PostJson(_api.Anonymous, $"/api/listings/{tender.Id}/tenders", new { requestId = "x", amount = 3_200_000m }), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        var floor = await ApiDriver.ExpectProblem(await _api.Tender(bidders[1], tender.Id, 2_999_999.99m), HttpStatusCode.UnprocessableEntity, "FLOOR_VIOLATION");
        Assert.Equal(3_000_000m, floor.GetProperty("floor").GetProperty("total").GetDecimal());
        await ApiDriver.ExpectProblem(await _api.Tender(bidders[1], tender.Id, 3_100_000.001m), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        await ApiDriver.ExpectProblem(await _api.Tender(bidders[1], tender.Id, 3_100_000m, proposalSha256: "not-a-hash"), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        await ApiDriver.ExpectProblem(await _api.Tender(bidders[1], (await _api.Publish(centre)).Id, 3_100_000m), HttpStatusCode.Conflict, "WRONG_CHANNEL");
        await ApiDriver.ExpectProblem(await _api.Bid(bidders[1], tender.Id, 3_100_000m), HttpStatusCode.Conflict, "WRONG_CHANNEL");

        factory.AdvanceTo(tender.EndsAt);
        await ApiDriver.ExpectProblem(await _api.Tender(bidders[1], tender.Id, 3_100_000m), HttpStatusCode.Conflict, "BIDDING_CLOSED");
        // A repeat after the opening still gets its receipt.
        Assert.Equal(receipt.GetRawText(), (await _api.Tendered(bidders[0], tender.Id, 3_200_000m, "t-1", Proposal)).GetRawText());
    }

    [Fact]
    public async Task A_tender_before_the_box_opens_is_refused_and_a_bad_tender_block_is_422_under_its_field()
    {
        var centre = await _api.Centre();
        var tender = await _api.Publish(centre, _api.TenderBody());
        var bidder = await _api.Bidder();
        await _api.Qualify(bidder, tender.Id);
        await ApiDriver.ExpectProblem(await _api.Tender(bidder, tender.Id, 1100m), HttpStatusCode.Conflict, "LISTING_NOT_OPEN");

        var body = _api.TenderBody("comprehensive");
        body["tender"]!["committeeSize"] = 4;
        body["tender"]!["priceWeight"] = 50;
        body["tender"]!["criteria"]![1]!["id"] = "plan";
        var problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", body), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        foreach (var field in new[] { "tender.committeeSize", "tender.criteria", "tender.criteria[1].id" })
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem.GetRawText()}");
        var noEnd = _api.TenderBody();
        noEnd.Remove("biddingEndsAt");
        problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", noEnd), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("biddingEndsAt", out _));
    }

    [Fact]
    public async Task A_tender_with_too_few_tenderers_fails_and_stays_sealed_for_everyone_the_regulator_included()
    {
        var (centre, tender, bidders) = await Open(_api.TenderBody(), bidders: 2);
        await _api.Tendered(bidders[0], tender.Id, 1717.17m);
        await _api.Tendered(bidders[1], tender.Id, 1818.18m);
        factory.AdvanceTo(tender.EndsAt);

        var result = await _api.Get($"/api/listings/{tender.Id}/result");
        Assert.Equal(("failed", "tooFewTenderers"), (result.GetProperty("outcome").GetString(), result.GetProperty("reason").GetString()));
        var counted = (await _api.Events(tender.Id)).Single(e => e.GetProperty("type").GetString() == "tendersCounted");
        Assert.Equal(2, counted.GetProperty("tenderCount").GetInt32());
        var regulator = await _api.Regulator();
        var record = await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{tender.Id}/record"), HttpStatusCode.OK);
        foreach (var amount in new[] { 1717.17m, 1818.18m }) Assert.False(ApiDriver.ContainsNumber(record, amount) || record.GetRawText().Contains($"{amount}", StringComparison.Ordinal), $"{amount} in the record");
        Assert.True((await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{tender.Id}/record/verify"), HttpStatusCode.OK)).GetProperty("valid").GetBoolean());
        // R-TEN-04 is met: too few tenders, and the tender failed without an opening.
        Assert.Equal(("pass", "2 tenders (minimum 3): the tender failed without an opening, as R-TEN-04 requires"), await TenderersCheck(regulator, centre, tender.Id));
    }
}
