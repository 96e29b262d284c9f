using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Http;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Auction.Gateway.Tests.Api;

/// <summary>
/// Issue 8 item 8, "an API a client can trust": times in UTC with Z in every answer (REST and hub), a time without an
/// offset refused, numbers never rounded silently, messages that name fields and allowed values, and 415 / 403
/// texts that say what is expected.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class ApiContractTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public void Times_are_written_in_UTC_with_Z_and_fractional_seconds_only_when_non_zero()
    {
        Assert.Equal("2026-12-01T09:30:00Z", ApiTime.Format(new DateTimeOffset(2026, 12, 1, 17, 30, 0, TimeSpan.FromHours(8))));
        Assert.Equal("2026-12-01T09:30:00.5Z", ApiTime.Format(new DateTimeOffset(2026, 12, 1, 9, 30, 0, 500, TimeSpan.Zero)));
        Assert.Equal("2026-12-01T09:30:00.0000001Z", ApiTime.Format(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero).AddTicks(1)));
        Assert.True(ApiTime.TryParse("2026-12-01T17:30:00+08:00", out var beijing, out _));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), beijing);
        Assert.Equal(TimeSpan.Zero, beijing.Offset); // read as the UTC instant it is
        Assert.False(ApiTime.TryParse("2026-12-01T17:30:00", out _, out var problem));
        Assert.Equal(ApiTime.MissingOffset, problem);
        Assert.False(ApiTime.TryParse("2026-12-01", out _, out problem));
        Assert.Equal(ApiTime.Expected, problem);
    }

    [Fact]
    public async Task Every_time_in_REST_and_hub_answers_is_UTC_with_Z_even_when_the_request_used_an_offset()
    {
        var centre = await _api.Centre();
        var body = _api.ListingBody();
        var startsAt = factory.Now.AddHours(1);
        // The centre writes Beijing time; the API answers in UTC.
        body["biddingStartsAt"] = startsAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ssK");
        var listing = await _api.Publish(centre, body);
        Assert.Equal(ApiTime.Format(startsAt), listing.View.GetProperty("biddingStartsAt").GetString());
        var bidder = await _api.Bidder();
        await _api.Qualify(bidder, listing.Id);
        factory.AdvanceTo(listing.StartsAt.AddTicks(1234567)); // a fractional second in acceptedAt

        await using var hub = factory.HubConnection(bidder.Token);
        var received = new ReceivedEvents(hub);
        await hub.StartAsync();
        var watch = await hub.InvokeAsync<JsonElement>("Watch", listing.Id, 0L);
        var placed = await hub.InvokeAsync<JsonElement>("PlaceBid", listing.Id, 1000m, ApiDriver.NewId("hub-bid"));
        Assert.True(placed.GetProperty("accepted").GetBoolean(), placed.GetRawText());
        var receipt = await _api.Accepted(bidder, listing.Id, 1010m);
        await received.WaitForSeq(listing.Id, receipt.GetProperty("seq").GetInt64());
        Assert.Equal("2026-", receipt.GetProperty("acceptedAt").GetString()![..5]);
        Assert.Matches(@"\.1234567Z$", receipt.GetProperty("acceptedAt").GetString()!);

        var regulator = await _api.Regulator();
        var answers = new List<JsonElement>
        {
            listing.View, watch, placed, receipt, await _api.Get("/api/time"), await _api.Listing(listing.Id),
            await _api.Get($"/api/listings/{listing.Id}/bids"), await _api.Get($"/api/listings/{listing.Id}/events"),
            await _api.Mine(bidder, listing.Id),
            await ApiDriver.Expect(await centre.Client.GetAsync($"/api/listings/{listing.Id}/applications"), HttpStatusCode.OK),
            await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/listings/{listing.Id}/record"), HttpStatusCode.OK),
        };
        answers.AddRange(received.For(listing.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await ApiDriver.PostJson(centre.Client, $"/api/listings/{listing.Id}/terminate", new { reason = "withdrawn" })).StatusCode);
        answers.Add(await _api.Get($"/api/listings/{listing.Id}/result"));
        answers.Add(await ApiDriver.Expect(await regulator.Client.GetAsync($"/api/regulator/awards?from={Uri.EscapeDataString(ApiTime.Format(factory.Now.AddDays(-1)))}"), HttpStatusCode.OK));

        var times = answers.SelectMany(Times).ToArray();
        Assert.True(times.Length > 40, $"only {times.Length} times found");
        Assert.All(times, t => Assert.Matches(ApiTimeShape(), t));
    }

    [Fact]
    public async Task A_time_without_an_offset_is_refused_in_a_body_and_in_a_query_with_a_message_that_says_so()
    {
        var centre = await _api.Centre();
        var body = _api.ListingBody();
        body["biddingStartsAt"] = factory.Now.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss");
        var refused = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", body), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        Assert.StartsWith("biddingStartsAt has no UTC offset", refused.GetProperty("detail").GetString());
        Assert.Contains("2026-12-01T09:30:00Z", refused.GetProperty("detail").GetString());
        Assert.True(refused.GetProperty("errors").TryGetProperty("biddingStartsAt", out _));
        var id = ListingIds.For(centre.Centre!, body["requestId"]!.GetValue<string>());
        await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync($"/api/listings/{id}"), HttpStatusCode.NotFound, "LISTING_NOT_FOUND");

        var regulator = await _api.Regulator();
        var query = await ApiDriver.ExpectProblem(await regulator.Client.GetAsync("/api/regulator/awards?from=2026-03-01T08:00:00"), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        Assert.StartsWith("Query parameter 'from' has no UTC offset", query.GetProperty("detail").GetString());
        await ApiDriver.Expect(await regulator.Client.GetAsync("/api/regulator/awards?from=2026-03-01T00:00:00Z"), HttpStatusCode.OK);
        await ApiDriver.Expect(await regulator.Client.GetAsync("/api/regulator/awards?to=2026-03-01T08:00:00%2B08:00"), HttpStatusCode.OK);
        // An unescaped '+' arrives as a space; read as the offset it was meant to be.
        await ApiDriver.Expect(await regulator.Client.GetAsync("/api/regulator/awards?to=2026-03-01T08:00:00+08:00"), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("1010000.5", true)]
    [InlineData("0.0000000000000000000000000001", true)] // 28 decimals
    [InlineData("1.00000000000000000000000000000000", true)] // trailing zeros carry nothing
    [InlineData("79228162514264337593543950335", true)] // decimal.MaxValue
    [InlineData("-79228162514264337593543950335", true)]
    [InlineData("1e28", true)]
    [InlineData("1.5E+3", true)]
    [InlineData("0", true)]
    [InlineData("0.00000000000000000000000000001", false)] // 29 decimals
    [InlineData("1010000.00000000000000000000000000001", false)]
    [InlineData("101000.0000000000000000000000001", false)] // 30 significant digits
    [InlineData("79228162514264337593543950336", false)] // decimal.MaxValue + 1
    [InlineData("1e29", false)]
    [InlineData("1e400", false)]
    [InlineData("1e-29", false)]
    public void The_exactness_check_reads_the_raw_number(string number, bool exact) =>
        Assert.Equal(exact, ExactDecimalConverter.IsExact(number));

    [Fact]
    public async Task Amounts_a_decimal_cannot_hold_exactly_are_refused_before_conversion_and_change_nothing()
    {
        var listing = await _api.Publish(await _api.Centre());
        var bidder = await _api.Bidder();
        await _api.Qualify(bidder, listing.Id);
        var waiting = await _api.Bidder("waiting");
        var application = await _api.Apply(waiting, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        var before = await _api.Listing(listing.Id);

        // 1000.00000000000000000000000000001 would round to 1000, a valid first bid.
        var bid = await ApiDriver.ExpectProblem(await Raw(bidder.Client, $"/api/listings/{listing.Id}/bids",
            $$"""{"amount":1000.00000000000000000000000000001,"requestId":"{{ApiDriver.NewId("b")}}"}"""), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.StartsWith("amount is a number the API cannot hold exactly", bid.GetProperty("detail").GetString());
        Assert.True(bid.GetProperty("errors").TryGetProperty("amount", out _));
        // Three decimals are held exactly, and the engine refuses them as before.
        var fen = await ApiDriver.ExpectProblem(await Raw(bidder.Client, $"/api/listings/{listing.Id}/bids",
            $$"""{"amount":1000.001,"requestId":"{{ApiDriver.NewId("b")}}"}"""), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.Contains("2 decimal places", fen.GetProperty("detail").GetString());

        await using var hub = factory.HubConnection(bidder.Token);
        await hub.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeCoreAsync<JsonElement>("PlaceBid",
            [listing.Id, JsonDocument.Parse("1000.00000000000000000000000000001").RootElement, ApiDriver.NewId("hub")]));

        // The bank's credit of 100 (the deposit due) plus 10^-29: rounded, it would qualify the bidder.
        var account = application.GetProperty("depositAccount").GetString()!;
        var creditBody = $$"""{"account":"{{account}}","amount":100.00000000000000000000000000001,"bankTxnId":"{{ApiDriver.NewId("txn")}}","creditedAt":"{{ApiTime.Format(factory.Now)}}"}""";
        var credit = new HttpRequestMessage(HttpMethod.Post, "/api/bank/credits") { Content = new StringContent(creditBody, Encoding.UTF8, "application/json") };
        credit.Headers.Add(BankEndpoints.SignatureHeader, BankEndpoints.Sign(Encoding.UTF8.GetBytes(creditBody), GatewayFactory.BankSecret));
        var refusedCredit = await ApiDriver.ExpectProblem(await _api.Anonymous.SendAsync(credit), HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED");
        Assert.True(refusedCredit.GetProperty("errors").TryGetProperty("amount", out _));

        var after = await _api.Listing(listing.Id);
        Assert.Equal((before.GetProperty("seq").GetInt64(), 0), (after.GetProperty("seq").GetInt64(), after.GetProperty("bidCount").GetInt32()));
        var mine = await _api.Mine(waiting, listing.Id);
        Assert.Equal(("awaitingDeposit", 0m), (mine.GetProperty("status").GetString(), mine.GetProperty("depositPaid").GetDecimal()));
    }

    [Fact]
    public async Task Messages_name_the_field_by_its_JSON_path_and_list_the_allowed_values()
    {
        var centre = await _api.Centre();
        var body = _api.ListingBody();
        body["parcel"]!["use"] = "farmland";
        var problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", body), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        Assert.Equal("parcel.use must be one of: industrial, warehouse, commercial, residential, mixed, other.", problem.GetProperty("detail").GetString());

        body = _api.ListingBody();
        body["timedBidding"] = new JsonObject { ["style"] = "dutch" };
        problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", body), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        Assert.Equal("timedBidding.style must be one of: none, jiangsu, fujian.", problem.GetProperty("detail").GetString());

        body = _api.ListingBody();
        ((JsonObject)body["parcel"]!).Remove("termYears");
        problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(centre.Client, "/api/listings", body), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        Assert.Equal("parcel.termYears is required.", problem.GetProperty("detail").GetString());

        problem = await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync("/api/listings?status=closed"), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        Assert.Equal("Query parameter 'status' must be one of: announced, open, preparation, timedBidding, suspended, sold, failed, terminated, capped, evaluating.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_415_says_which_content_type_the_endpoint_takes()
    {
        var listing = await _api.Publish(await _api.Centre());
        var bidder = await _api.Bidder();
        var response = await bidder.Client.PostAsync($"/api/listings/{listing.Id}/bids",
            new StringContent("""{"amount":1000,"requestId":"x"}""", Encoding.UTF8, "text/plain"));
        var problem = await ApiDriver.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        Assert.Equal("This endpoint takes a JSON body: send it with the header Content-Type: application/json (the request had Content-Type: text/plain; charset=utf-8).",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_403_says_which_role_the_endpoint_needs_and_which_role_the_caller_has()
    {
        var listing = await _api.Publish(await _api.Centre());
        var bidder = await _api.Bidder();
        var problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(bidder.Client, "/api/listings", _api.ListingBody()), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("This endpoint needs the role centre and a centre id (token claim 'centre'); your token has the role bidder.", problem.GetProperty("detail").GetString());
        Assert.Equal(["centre"], problem.GetProperty("requiredRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["bidder"], problem.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var regulator = await _api.Regulator();
        problem = await ApiDriver.ExpectProblem(await ApiDriver.PostJson(regulator.Client, $"/api/listings/{listing.Id}/bids", new { amount = 1000m, requestId = "r" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("This endpoint needs the role bidder; your token has the role regulator.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public void No_endpoint_binds_a_time_without_the_offset_check()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var handlers = endpoints.Select(e => e.Metadata.GetMetadata<MethodInfo>()).OfType<MethodInfo>().ToArray();
        Assert.NotEmpty(handlers);
        var plain = handlers.SelectMany(h => h.GetParameters())
            .Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) is var t && (t == typeof(DateTimeOffset) || t == typeof(DateTime)))
            .Select(p => $"{p.Member.Name}({p.Name})").ToArray();
        Assert.True(plain.Length == 0, $"use QueryTime for times in query strings: {string.Join(", ", plain)}");
    }

    private static Task<HttpResponseMessage> Raw(HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Every string in <paramref name="element"/> that looks like a date and time.</summary>
    private static IEnumerable<string> Times(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String when LooksLikeTime().IsMatch(element.GetString()!) => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().Where(p => p.Name != "data").SelectMany(p => Times(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Times),
        _ => [],
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex LooksLikeTime();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d*[1-9])?Z$")]
    private static partial Regex ApiTimeShape();
}
