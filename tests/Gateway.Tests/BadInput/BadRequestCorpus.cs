using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Tests.Infrastructure;

namespace Auction.Gateway.Tests.BadInput;

/// <summary>One bad request, how to build it against the scenario, and the problem it must get.</summary>
public sealed record BadRequestCase(string Name, int Status, string Code, Func<BadInputScenario, HttpRequestMessage> Build)
{
    public override string ToString() => Name;
}

/// <summary>
/// The corpus of bad requests of the issue: malformed JSON, wrong types, missing / unknown / duplicate fields,
/// unknown enum values, bodies over 64 KB (with and without Content-Length), huge or over-precise numbers,
/// invalid UTF-8, wrong media types, unknown ids on every route, bad tokens and roles, bad bank signatures,
/// wrong routes and methods, bad query strings, and business rejections. Every one must be a 4xx problem.
/// </summary>
public static class BadRequestCorpus
{
    private const string MalformedRequest = "MALFORMED_REQUEST";
    private const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    private const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    private const string ValidationFailed = "VALIDATION_FAILED";
    private const string Unauthenticated = "UNAUTHENTICATED";
    private const string Forbidden = "FORBIDDEN";
    private const string BadSignature = "BAD_SIGNATURE";
    private const string ListingNotFound = "LISTING_NOT_FOUND";
    private const string NotFound = "NOT_FOUND";
    private const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    private const string UnknownAccount = "UNKNOWN_ACCOUNT";

    private static readonly byte[] Oversized = Encoding.UTF8.GetBytes(
        $$"""{"amount":1010000,"requestId":"big","pad":"{{new string('x', 70 * 1024)}}"}""");

    public static IReadOnlyList<BadRequestCase> Cases { get; } =
    [
        // ---- Bodies: syntax, encoding, size, media type (POST bids as qualified bidder A) ----
        new("bid/truncated-json", 400, MalformedRequest, s => Bid(s, """{"amount": 1010000, "requestId": """)),
        new("bid/trailing-garbage", 400, MalformedRequest, s => Bid(s, """{"amount":1010000,"requestId":"tg-1"} xyz""")),
        new("bid/two-documents", 400, MalformedRequest, s => Bid(s, """{"amount":1010000,"requestId":"td-1"}{"amount":1,"requestId":"td-2"}""")),
        new("bid/empty-body", 400, MalformedRequest, s => Bid(s, "")),
        new("bid/whitespace-body", 400, MalformedRequest, s => Bid(s, "   ")),
        new("bid/json-null-body", 400, MalformedRequest, s => Bid(s, "null")),
        new("bid/array-body", 400, MalformedRequest, s => Bid(s, "[]")),
        new("bid/string-body", 400, MalformedRequest, s => Bid(s, "\"bid\"")),
        new("bid/single-quotes", 400, MalformedRequest, s => Bid(s, "{'amount':1010000,'requestId':'sq-1'}")),
        new("bid/comment", 400, MalformedRequest, s => Bid(s, """{"amount":1010000, /* hi */ "requestId":"cm-1"}""")),
        new("bid/trailing-comma", 400, MalformedRequest, s => Bid(s, """{"amount":1010000,"requestId":"tc-1",}""")),
        new("bid/invalid-utf8-in-string", 400, MalformedRequest, s => BidBytes(s,
            [.. "{\"amount\":1010000,\"requestId\":\"u"u8, 0xC3, 0x28, .. "\"}"u8])),
        new("bid/utf16-body", 400, MalformedRequest, s => Raw(HttpMethod.Post, $"{s.Listing}/bids",
            Encoding.Unicode.GetBytes("""{"amount":1010000,"requestId":"u16"}"""), "application/json", s.BidderAToken)),
        new("bid/70kb-content-length", 413, PayloadTooLarge, s => BidBytes(s, Oversized)),
        new("bid/70kb-chunked", 413, PayloadTooLarge, s =>
        {
            var request = Raw(HttpMethod.Post, $"{s.Listing}/bids", null, null, s.BidderAToken);
            request.Content = new ChunkedContent(Oversized);
            return request;
        }),
        new("bid/text-plain", 415, UnsupportedMediaType, s => Raw(HttpMethod.Post, $"{s.Listing}/bids",
            """{"amount":1010000,"requestId":"tp-1"}"""u8.ToArray(), "text/plain", s.BidderAToken)),
        new("bid/form-urlencoded", 415, UnsupportedMediaType, s => Raw(HttpMethod.Post, $"{s.Listing}/bids",
            "amount=1010000&requestId=fu-1"u8.ToArray(), "application/x-www-form-urlencoded", s.BidderAToken)),
        new("bid/no-content-type", 415, UnsupportedMediaType, s => Raw(HttpMethod.Post, $"{s.Listing}/bids",
            """{"amount":1010000,"requestId":"nc-1"}"""u8.ToArray(), null, s.BidderAToken)),

        // ---- Numbers and types ----
        // A number a decimal cannot hold exactly is refused before any conversion (422 naming the field), never rounded.
        new("bid/amount-1e400", 422, ValidationFailed, s => Bid(s, """{"amount":1e400,"requestId":"n-1"}""")),
        new("bid/amount-35-digits", 422, ValidationFailed, s => Bid(s, """{"amount":12345678901234567890123456789012345,"requestId":"n-2"}""")),
        new("bid/amount-29-decimals", 422, ValidationFailed, s => Bid(s, """{"amount":1010000.00000000000000000000000000001,"requestId":"n-13"}""")),
        new("bid/amount-30-significant-digits", 422, ValidationFailed, s => Bid(s, """{"amount":101000.0000000000000000000000001,"requestId":"n-14"}""")),
        new("bid/amount-over-precise", 422, ValidationFailed, s => Bid(s, """{"amount":1010000.001,"requestId":"n-3"}""")),
        new("bid/amount-as-string", 400, MalformedRequest, s => Bid(s, """{"amount":"1010000","requestId":"n-4"}""")),
        new("bid/amount-negative", 422, ValidationFailed, s => Bid(s, """{"amount":-5,"requestId":"n-5"}""")),
        new("bid/amount-zero", 422, ValidationFailed, s => Bid(s, """{"amount":0,"requestId":"n-6"}""")),
        new("bid/amount-above-max", 422, ValidationFailed, s => Bid(s, """{"amount":10000000000000,"requestId":"n-7"}""")),
        new("bid/amount-NaN", 400, MalformedRequest, s => Bid(s, """{"amount":NaN,"requestId":"n-8"}""")),
        new("bid/amount-bool", 400, MalformedRequest, s => Bid(s, """{"amount":true,"requestId":"n-9"}""")),
        new("bid/amount-object", 400, MalformedRequest, s => Bid(s, """{"amount":{"value":1010000},"requestId":"n-10"}""")),
        new("bid/amount-array", 400, MalformedRequest, s => Bid(s, """{"amount":[1010000],"requestId":"n-11"}""")),
        new("bid/amount-hex", 400, MalformedRequest, s => Bid(s, """{"amount":0xF69B0,"requestId":"n-12"}""")),
        new("bid/requestId-number", 400, MalformedRequest, s => Bid(s, """{"amount":1010000,"requestId":42}""")),

        // ---- Missing, null, unknown and duplicate fields ----
        new("bid/amount-null", 400, MalformedRequest, s => Bid(s, """{"amount":null,"requestId":"f-1"}""")),
        new("bid/requestId-null", 400, MalformedRequest, s => Bid(s, """{"amount":1010000,"requestId":null}""")),
        new("bid/missing-requestId", 400, MalformedRequest, s => Bid(s, """{"amount":1010000}""")),
        new("bid/missing-amount", 400, MalformedRequest, s => Bid(s, """{"requestId":"f-2"}""")),
        new("bid/empty-object", 400, MalformedRequest, s => Bid(s, "{}")),
        new("bid/unknown-field", 400, MalformedRequest, s => Bid(s, """{"amount":1010000,"requestId":"f-3","foo":1}""")),
        new("bid/duplicate-amount", 400, MalformedRequest, s => Bid(s, """{"amount":1010000,"amount":1020000,"requestId":"f-4"}""")),
        new("bid/duplicate-case-variant", 400, MalformedRequest, s => Bid(s, """{"amount":1010000,"Amount":1020000,"requestId":"f-5"}""")),
        new("bid/requestId-65-chars", 422, ValidationFailed, s => Bid(s, $$"""{"amount":1010000,"requestId":"{{new string('r', 65)}}"}""")),
        new("bid/requestId-empty", 422, ValidationFailed, s => Bid(s, """{"amount":1010000,"requestId":""}""")),

        // ---- Bid business rejections ----
        new("bid/too-low", 409, "BID_TOO_LOW", s => Bid(s, """{"amount":1000000,"requestId":"b-low"}""")),
        new("bid/idempotency-mismatch", 409, "IDEMPOTENCY_MISMATCH", s => Bid(s, $$"""{"amount":1020000,"requestId":"{{s.FirstBidRequestId}}"}""")),
        new("bid/deposit-not-paid", 403, "DEPOSIT_NOT_PAID", s => Json(HttpMethod.Post, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"b-dnp"}""", s.BidderBToken)),
        new("bid/not-qualified", 403, "NOT_QUALIFIED", s => Json(HttpMethod.Post, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"b-nq"}""", s.StrangerToken)),

        // ---- Create listing (centre) ----
        new("create/unknown-enum-use", 400, MalformedRequest, s => Create(s, b => b["parcel"]!["use"] = "farmland")),
        new("create/integer-enum-use", 400, MalformedRequest, s => Create(s, b => b["parcel"]!["use"] = 2)),
        new("create/unknown-enum-style", 400, MalformedRequest, s => Create(s, b => b["timedBidding"] = new JsonObject { ["style"] = "dutch" })),
        new("create/areaM2-string", 400, MalformedRequest, s => Create(s, b => b["parcel"]!["areaM2"] = "big")),
        new("create/parcel-array", 400, MalformedRequest, s => Create(s, b => b["parcel"] = new JsonArray(1, 2))),
        new("create/missing-parcel", 400, MalformedRequest, s => Create(s, b => b.Remove("parcel"))),
        new("create/parcel-null", 400, MalformedRequest, s => Create(s, b => b["parcel"] = null)),
        new("create/unknown-parcel-field", 400, MalformedRequest, s => Create(s, b => b["parcel"]!["foo"] = 1)),
        new("create/bad-date", 400, MalformedRequest, s => Create(s, b => b["biddingStartsAt"] = "tomorrow")),
        new("create/zone-less-time", 400, MalformedRequest, s => Create(s, b => b["biddingStartsAt"] = s.Factory.Now.AddDays(2).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss"))),
        new("create/date-without-time", 400, MalformedRequest, s => Create(s, b => b["biddingEndsAt"] = s.Factory.Now.AddDays(30).ToString("yyyy-MM-dd"))),
        new("create/termYears-fraction", 400, MalformedRequest, s => Create(s, b => b["parcel"]!["termYears"] = 40.5)),
        new("create/landGrade-overflow", 400, MalformedRequest, s => Create(s, b => b["parcel"]!["landGrade"] = 99999999999)),
        new("create/startingPrice-over-precise", 422, ValidationFailed, s => Create(s, b => b["startingPrice"] = 1000000.001m)),
        new("create/ends-before-start", 422, ValidationFailed, s => Create(s, b => b["biddingEndsAt"] = s.Factory.Now.AddDays(-1).ToString("O"))),
        new("create/method-auction", 422, ValidationFailed, s => Create(s, b => b["method"] = "auction")),
        new("create/blank-parcelNo", 422, ValidationFailed, s => Create(s, b => b["parcel"]!["parcelNo"] = " ")),
        new("create/idempotency-mismatch", 409, "IDEMPOTENCY_MISMATCH", s => Create(s, b =>
        {
            b["requestId"] = s.ListingRequestId;
            b["startingPrice"] = 1_100_000m;
        })),
        new("create/as-bidder", 403, Forbidden, s => Create(s, _ => { }, s.BidderAToken)),
        new("create/as-regulator", 403, Forbidden, s => Create(s, _ => { }, s.RegulatorToken)),
        new("create/anonymous", 401, Unauthenticated, s => Create(s, _ => { }, token: "")),

        // ---- Reserve, suspend, resume, terminate (centre) ----
        new("reserve/already-set", 409, "RESERVE_ALREADY_SET", s => Json(HttpMethod.Post, $"{s.Listing}/reserve", """{"reservePrice":2000000}""", s.CentreToken)),
        new("reserve/as-string", 400, MalformedRequest, s => Json(HttpMethod.Post, $"{s.Listing}/reserve", """{"reservePrice":"2000000"}""", s.CentreToken)),
        new("reserve/null", 400, MalformedRequest, s => Json(HttpMethod.Post, $"{s.Listing}/reserve", """{"reservePrice":null}""", s.CentreToken)),
        new("reserve/as-bidder", 403, Forbidden, s => Json(HttpMethod.Post, $"{s.Listing}/reserve", """{"reservePrice":2000000}""", s.BidderAToken)),
        new("reserve/centre-without-centre-claim", 403, Forbidden, s => Json(HttpMethod.Post, $"{s.Listing}/reserve", """{"reservePrice":2000000}""", s.CentreWithoutCentreClaimToken)),
        new("suspend/other-centre", 403, "NOT_LISTING_OWNER", s => Json(HttpMethod.Post, $"{s.Listing}/suspend", """{"reason":"not mine"}""", s.OtherCentreToken)),
        new("suspend/blank-reason", 422, ValidationFailed, s => Json(HttpMethod.Post, $"{s.Listing}/suspend", """{"reason":"   "}""", s.CentreToken)),
        new("suspend/missing-reason", 400, MalformedRequest, s => Json(HttpMethod.Post, $"{s.Listing}/suspend", "{}", s.CentreToken)),
        new("suspend/reason-number", 400, MalformedRequest, s => Json(HttpMethod.Post, $"{s.Listing}/suspend", """{"reason":7}""", s.CentreToken)),
        new("resume/not-suspended", 409, "INVALID_TRANSITION", s => Json(HttpMethod.Post, $"{s.Listing}/resume", "{}", s.CentreToken)),
        new("resume/unknown-field", 400, MalformedRequest, s => Json(HttpMethod.Post, $"{s.Listing}/resume", """{"foo":1}""", s.CentreToken)),
        new("terminate/other-centre", 403, "NOT_LISTING_OWNER", s => Json(HttpMethod.Post, $"{s.Listing}/terminate", """{"reason":"not mine"}""", s.OtherCentreToken)),
        new("terminate/reason-too-long", 422, ValidationFailed, s => Json(HttpMethod.Post, $"{s.Listing}/terminate", $$"""{"reason":"{{new string('z', 501)}}"}""", s.CentreToken)),
        new("terminate/malformed", 400, MalformedRequest, s => Json(HttpMethod.Post, $"{s.Listing}/terminate", """{"reason":""", s.CentreToken)),

        // ---- Applications ----
        new("apply/already-applied", 409, "ALREADY_APPLIED", s => Json(HttpMethod.Post, $"{s.Listing}/applications", """{"requestId":"second-application"}""", s.BidderBToken)),
        new("apply/as-centre", 403, Forbidden, s => Json(HttpMethod.Post, $"{s.Listing}/applications", """{"requestId":"ap-c"}""", s.CentreToken)),
        new("apply/missing-requestId", 400, MalformedRequest, s => Json(HttpMethod.Post, $"{s.Listing}/applications", "{}", s.StrangerToken)),
        new("apply/requestId-65-chars", 422, ValidationFailed, s => Json(HttpMethod.Post, $"{s.Listing}/applications", $$"""{"requestId":"{{new string('q', 65)}}"}""", s.StrangerToken)),
        new("apply/unknown-field", 400, MalformedRequest, s => Json(HttpMethod.Post, $"{s.Listing}/applications", """{"requestId":"ap-u","foo":1}""", s.StrangerToken)),
        new("applications/other-centre", 403, "NOT_LISTING_OWNER", s => Raw(HttpMethod.Get, $"{s.Listing}/applications", null, null, s.OtherCentreToken)),
        new("applications/as-bidder", 403, Forbidden, s => Raw(HttpMethod.Get, $"{s.Listing}/applications", null, null, s.BidderAToken)),
        new("applications-mine/stranger", 404, "APPLICATION_NOT_FOUND", s => Raw(HttpMethod.Get, $"{s.Listing}/applications/mine", null, null, s.StrangerToken)),

        // ---- Unknown listing ids on every route ----
        new("unknown/view", 404, ListingNotFound, s => Raw(HttpMethod.Get, BadInputScenario.Unknown, null, null, null)),
        new("unknown/bids", 404, ListingNotFound, s => Raw(HttpMethod.Get, $"{BadInputScenario.Unknown}/bids", null, null, null)),
        new("unknown/events", 404, ListingNotFound, s => Raw(HttpMethod.Get, $"{BadInputScenario.Unknown}/events", null, null, null)),
        new("unknown/result", 404, ListingNotFound, s => Raw(HttpMethod.Get, $"{BadInputScenario.Unknown}/result", null, null, null)),
        new("unknown/post-bid", 404, ListingNotFound, s => Json(HttpMethod.Post, $"{BadInputScenario.Unknown}/bids", """{"amount":1010000,"requestId":"u-b"}""", s.BidderAToken)),
        new("unknown/reserve", 404, ListingNotFound, s => Json(HttpMethod.Post, $"{BadInputScenario.Unknown}/reserve", """{"reservePrice":2000000}""", s.CentreToken)),
        new("unknown/suspend", 404, ListingNotFound, s => Json(HttpMethod.Post, $"{BadInputScenario.Unknown}/suspend", """{"reason":"x"}""", s.CentreToken)),
        new("unknown/resume", 404, ListingNotFound, s => Json(HttpMethod.Post, $"{BadInputScenario.Unknown}/resume", "{}", s.CentreToken)),
        new("unknown/terminate", 404, ListingNotFound, s => Json(HttpMethod.Post, $"{BadInputScenario.Unknown}/terminate", """{"reason":"x"}""", s.CentreToken)),
        new("unknown/apply", 404, ListingNotFound, s => Json(HttpMethod.Post, $"{BadInputScenario.Unknown}/applications", """{"requestId":"u-a"}""", s.StrangerToken)),
        new("unknown/applications-mine", 404, "APPLICATION_NOT_FOUND", s => Raw(HttpMethod.Get, $"{BadInputScenario.Unknown}/applications/mine", null, null, s.BidderAToken)),
        new("unknown/applications", 404, ListingNotFound, s => Raw(HttpMethod.Get, $"{BadInputScenario.Unknown}/applications", null, null, s.CentreToken)),
        new("unknown/regulator-record", 404, ListingNotFound, s => Raw(HttpMethod.Get, $"/api/regulator/listings/{BadInputScenario.UnknownListingId}/record", null, null, s.RegulatorToken)),
        new("unknown/regulator-verify", 404, ListingNotFound, s => Raw(HttpMethod.Get, $"/api/regulator/listings/{BadInputScenario.UnknownListingId}/record/verify", null, null, s.RegulatorToken)),
        new("unknown/very-long-id", 404, ListingNotFound, s => Raw(HttpMethod.Get, $"/api/listings/{new string('L', 300)}", null, null, null)),
        new("unknown/encoded-slash-id", 404, ListingNotFound, s => Raw(HttpMethod.Get, "/api/listings/a%2Fb", null, null, null)),
        new("unknown/area-bids", 404, ListingNotFound, s => Json(HttpMethod.Post, $"{BadInputScenario.Unknown}/area-bids", """{"areaM2":1000,"requestId":"u-ar"}""", s.BidderAToken)),
        new("unknown/lottery", 404, ListingNotFound, s => Raw(HttpMethod.Get, $"{BadInputScenario.Unknown}/lottery", null, null, null)),
        new("unknown/one-time-quotes", 404, ListingNotFound, s => Json(HttpMethod.Post, $"{BadInputScenario.Unknown}/one-time/quotes", """{"amount":1200000,"requestId":"u-q"}""", s.BidderAToken)),
        new("result/not-closed", 409, "NOT_CLOSED", s => Raw(HttpMethod.Get, $"{s.Listing}/result", null, null, null)),

        // ---- Price-cap stage on a listing without a cap (API.md v2 "Price caps") ----
        new("cap/area-bid-without-cap", 409, "WRONG_CAP_MODE", s => Json(HttpMethod.Post, $"{s.Listing}/area-bids", """{"areaM2":1000,"requestId":"c-1"}""", s.BidderAToken)),
        new("cap/lottery-entry-without-cap", 409, "WRONG_CAP_MODE", s => Json(HttpMethod.Post, $"{s.Listing}/lottery/entries", """{"requestId":"c-2"}""", s.BidderAToken)),
        new("cap/confirmation-without-cap", 409, "WRONG_CAP_MODE", s => Json(HttpMethod.Post, $"{s.Listing}/one-time/confirmations", """{"requestId":"c-3"}""", s.BidderAToken)),
        new("cap/quote-without-cap", 409, "WRONG_CAP_MODE", s => Json(HttpMethod.Post, $"{s.Listing}/one-time/quotes", """{"amount":1200000,"requestId":"c-4"}""", s.BidderAToken)),
        new("cap/my-quote-without-cap", 409, "WRONG_CAP_MODE", s => Raw(HttpMethod.Get, $"{s.Listing}/one-time/quotes/mine", null, null, s.BidderAToken)),
        new("cap/lottery-without-cap", 409, "WRONG_CAP_MODE", s => Raw(HttpMethod.Get, $"{s.Listing}/lottery", null, null, null)),
        new("cap/area-bid-as-centre", 403, Forbidden, s => Json(HttpMethod.Post, $"{s.Listing}/area-bids", """{"areaM2":1000,"requestId":"c-5"}""", s.CentreToken)),
        new("cap/area-as-string", 400, MalformedRequest, s => Json(HttpMethod.Post, $"{s.Listing}/area-bids", """{"areaM2":"1000","requestId":"c-6"}""", s.BidderAToken)),
        new("cap/quote-missing-amount", 400, MalformedRequest, s => Json(HttpMethod.Post, $"{s.Listing}/one-time/quotes", """{"requestId":"c-7"}""", s.BidderAToken)),
        new("cap/entry-unknown-field", 400, MalformedRequest, s => Json(HttpMethod.Post, $"{s.Listing}/lottery/entries", """{"requestId":"c-8","bidderNo":"001"}""", s.BidderAToken)),
        new("cap/entry-requestId-65-chars", 422, ValidationFailed, s => Json(HttpMethod.Post, $"{s.Listing}/lottery/entries", $$"""{"requestId":"{{new string('j', 65)}}"}""", s.BidderAToken)),
        new("create/price-cap-unknown-mode", 400, MalformedRequest, s => Create(s, b => b["priceCap"] = new JsonObject { ["amount"] = 2_000_000m, ["mode"] = "raffle" })),
        new("create/price-cap-at-start", 422, ValidationFailed, s => Create(s, b => b["priceCap"] = new JsonObject { ["amount"] = b["startingPrice"]!.GetValue<decimal>(), ["mode"] = "lottery" })),
        new("create/price-cap-on-tender", 422, ValidationFailed, s => Create(s, b =>
        {
            b["method"] = "tender";
            b["priceCap"] = new JsonObject { ["amount"] = 2_000_000m, ["mode"] = "lottery" };
        })),

        // ---- Tokens ----
        new("auth/no-token", 401, Unauthenticated, s => Json(HttpMethod.Post, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"a-1"}""", token: null)),
        new("auth/expired-token", 401, Unauthenticated, s => Json(HttpMethod.Post, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"a-2"}""", s.ExpiredToken)),
        new("auth/forged-token", 401, Unauthenticated, s => Json(HttpMethod.Post, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"a-3"}""", s.ForgedToken)),
        new("auth/wrong-audience", 401, Unauthenticated, s => Json(HttpMethod.Post, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"a-4"}""", s.WrongAudienceToken)),
        new("auth/bearer-garbage", 401, Unauthenticated, s => Json(HttpMethod.Post, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"a-5"}""", "garbage")),
        new("auth/alg-none", 401, Unauthenticated, s => Json(HttpMethod.Post, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"a-6"}""",
            "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImJpZGRlciJ9.")),
        new("auth/tampered-payload", 401, Unauthenticated, s => Json(HttpMethod.Post, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"a-7"}""", Tamper(s.BidderAToken))),
        new("auth/basic-scheme", 401, Unauthenticated, s =>
        {
            var request = Json(HttpMethod.Post, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"a-8"}""", token: null);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
            return request;
        }),
        new("auth/centre-bids", 403, Forbidden, s => Json(HttpMethod.Post, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"a-9"}""", s.CentreToken)),
        new("auth/bidder-regulator-record", 403, Forbidden, s => Raw(HttpMethod.Get, $"/api/regulator/listings/{s.ListingId}/record", null, null, s.BidderAToken)),
        new("auth/anonymous-regulator-awards", 401, Unauthenticated, s => Raw(HttpMethod.Get, "/api/regulator/awards", null, null, null)),

        // ---- Bank credits ----
        new("bank/wrong-signature", 401, BadSignature, s => Bank(s, Credit(s.AccountB, 200000, "bk-1"), secret: "not-the-bank-secret")),
        new("bank/no-signature", 401, BadSignature, s => Bank(s, Credit(s.AccountB, 200000, "bk-2"), secret: null)),
        new("bank/garbage-signature", 401, BadSignature, s => Bank(s, Credit(s.AccountB, 200000, "bk-3"), signature: "sha256=zz")),
        new("bank/signature-of-other-body", 401, BadSignature, s => Bank(s, Credit(s.AccountB, 200000, "bk-4"),
            signature: BankEndpoints.Sign(Encoding.UTF8.GetBytes(Credit(s.AccountB, 1, "bk-4")), GatewayFactory.BankSecret))),
        new("bank/unknown-account", 404, UnknownAccount, s => Bank(s, Credit("9999999999999", 200000, "bk-5"))),
        new("bank/malformed-account", 422, ValidationFailed, s => Bank(s, Credit("12ab", 200000, "bk-6"))),
        new("bank/amount-over-precise", 422, ValidationFailed, s => Bank(s, Credit(s.AccountB, 200000.001m, "bk-7"))),
        new("bank/amount-negative", 422, ValidationFailed, s => Bank(s, Credit(s.AccountB, -5, "bk-8"))),
        new("bank/amount-29-decimals", 422, ValidationFailed, s => Bank(s, Credit(s.AccountB, 200000, "bk-12").Replace("200000", "200000.00000000000000000000000000001", StringComparison.Ordinal))),
        new("bank/creditedAt-zone-less", 400, MalformedRequest, s => Bank(s, $$"""{"account":"{{s.AccountB}}","amount":200000,"bankTxnId":"bk-13","creditedAt":"2026-03-02T01:00:00"}""")),
        new("bank/creditedAt-future", 422, ValidationFailed, s => Bank(s, Credit(s.AccountB, 200000, "bk-9", s.Factory.Now.AddDays(1)))),
        new("bank/malformed-json", 400, MalformedRequest, s => Bank(s, """{"account":""")),
        new("bank/invalid-utf8", 400, MalformedRequest, s => BankBytes(s,
            [.. Encoding.UTF8.GetBytes($"{{\"account\":\"{s.AccountB}\",\"amount\":200000,\"bankTxnId\":\"b"), 0xC3, 0x28,
             .. Encoding.UTF8.GetBytes($"\",\"creditedAt\":\"{s.Factory.Now:O}\"}}")])),
        new("bank/unknown-field", 400, MalformedRequest, s => Bank(s, Credit(s.AccountB, 200000, "bk-10")[..^1] + ",\"foo\":1}")),
        new("bank/amount-string", 400, MalformedRequest, s => Bank(s, Credit(s.AccountB, 200000, "bk-11").Replace("200000", "\"200000\"", StringComparison.Ordinal))),
        new("bank/empty-body", 400, MalformedRequest, s => Bank(s, "")),
        new("bank/70kb", 413, PayloadTooLarge, s => BankBytes(s, Oversized)),

        // ---- Dev tokens ----
        new("dev-token/admin-role", 422, ValidationFailed, _ => Json(HttpMethod.Post, "/api/dev/tokens", """{"subject":"x","role":"admin","name":"X"}""", null)),
        new("dev-token/centre-without-centre", 422, ValidationFailed, _ => Json(HttpMethod.Post, "/api/dev/tokens", """{"subject":"x","role":"centre","name":"X"}""", null)),
        new("dev-token/missing-subject", 400, MalformedRequest, _ => Json(HttpMethod.Post, "/api/dev/tokens", """{"role":"bidder","name":"X"}""", null)),

        // ---- Routes, methods, query strings ----
        new("route/unknown", 404, NotFound, _ => Raw(HttpMethod.Get, "/api/nope", null, null, null)),
        new("route/unknown-nested", 404, NotFound, s => Raw(HttpMethod.Get, $"{s.Listing}/nope", null, null, null)),
        new("method/delete-listing", 405, MethodNotAllowed, s => Raw(HttpMethod.Delete, s.Listing, null, null, s.CentreToken)),
        new("method/put-bids", 405, MethodNotAllowed, s => Json(HttpMethod.Put, $"{s.Listing}/bids", """{"amount":1010000,"requestId":"m-1"}""", s.BidderAToken)),
        new("method/get-bank-credits", 405, MethodNotAllowed, _ => Raw(HttpMethod.Get, "/api/bank/credits", null, null, null)),
        new("query/bids-limit-negative", 422, ValidationFailed, s => Raw(HttpMethod.Get, $"{s.Listing}/bids?limit=-1", null, null, null)),
        new("query/events-limit-zero", 422, ValidationFailed, s => Raw(HttpMethod.Get, $"{s.Listing}/events?limit=0", null, null, null)),
        new("query/events-afterSeq-negative", 422, ValidationFailed, s => Raw(HttpMethod.Get, $"{s.Listing}/events?afterSeq=-1", null, null, null)),
        new("query/bids-afterSeq-abc", 400, MalformedRequest, s => Raw(HttpMethod.Get, $"{s.Listing}/bids?afterSeq=abc", null, null, null)),
        new("query/events-limit-overflow", 400, MalformedRequest, s => Raw(HttpMethod.Get, $"{s.Listing}/events?limit=99999999999", null, null, null)),
        new("query/listings-unknown-use", 400, MalformedRequest, _ => Raw(HttpMethod.Get, "/api/listings?use=farmland", null, null, null)),
        new("query/listings-unknown-status", 400, MalformedRequest, _ => Raw(HttpMethod.Get, "/api/listings?status=closedish", null, null, null)),
        new("query/listings-numeric-status", 400, MalformedRequest, _ => Raw(HttpMethod.Get, "/api/listings?status=99", null, null, null)),
        new("query/listings-numeric-use", 400, MalformedRequest, _ => Raw(HttpMethod.Get, "/api/listings?use=1", null, null, null)),
        new("query/awards-bad-date", 400, MalformedRequest, s => Raw(HttpMethod.Get, "/api/regulator/awards?from=yesterday", null, null, s.RegulatorToken)),
        new("query/awards-zone-less-from", 400, MalformedRequest, s => Raw(HttpMethod.Get, "/api/regulator/awards?from=2026-03-01T00:00:00", null, null, s.RegulatorToken)),
        new("query/awards-zone-less-to", 400, MalformedRequest, s => Raw(HttpMethod.Get, "/api/regulator/awards?to=2026-03-01T08:00", null, null, s.RegulatorToken)),
        new("query/awards-unknown-outcome", 400, MalformedRequest, s => Raw(HttpMethod.Get, "/api/regulator/awards?outcome=maybe", null, null, s.RegulatorToken)),
    ];

    public static IEnumerable<object[]> Names => Cases.Select(c => new object[] { c.Name });

    public static BadRequestCase Named(string name) => Cases.Single(c => c.Name == name);

    // ---- Builders ----

    private static HttpRequestMessage Bid(BadInputScenario s, string body) => Json(HttpMethod.Post, $"{s.Listing}/bids", body, s.BidderAToken);

    private static HttpRequestMessage BidBytes(BadInputScenario s, byte[] body) =>
        Raw(HttpMethod.Post, $"{s.Listing}/bids", body, "application/json", s.BidderAToken);

    /// <summary>A create-listing body that differs from the valid one in the scenario by one mutation, under a fresh requestId.</summary>
    private static HttpRequestMessage Create(BadInputScenario s, Action<JsonObject> mutate, string? token = null)
    {
        var body = (JsonObject)s.ListingBody.DeepClone();
        body["requestId"] = $"bad-{Guid.NewGuid():N}"[..20];
        body["parcel"]!["parcelNo"] = $"BAD-{Guid.NewGuid():N}"[..12];
        mutate(body);
        return Json(HttpMethod.Post, "/api/listings", body.ToJsonString(), token is null ? s.CentreToken : token.Length == 0 ? null : token);
    }

    private static string Credit(string account, decimal amount, string bankTxnId, DateTimeOffset? creditedAt = null) =>
        new JsonObject
        {
            ["account"] = account,
            ["amount"] = amount,
            ["bankTxnId"] = bankTxnId,
            ["creditedAt"] = (creditedAt ?? new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero)).ToString("O"),
        }.ToJsonString();

    private static HttpRequestMessage Bank(BadInputScenario s, string body, string? secret = GatewayFactory.BankSecret, string? signature = null) =>
        BankBytes(s, Encoding.UTF8.GetBytes(body), secret, signature);

    private static HttpRequestMessage BankBytes(BadInputScenario s, byte[] body, string? secret = GatewayFactory.BankSecret, string? signature = null)
    {
        _ = s;
        var request = Raw(HttpMethod.Post, "/api/bank/credits", body, "application/json", null);
        if (signature is not null) request.Headers.TryAddWithoutValidation(BankEndpoints.SignatureHeader, signature);
        else if (secret is not null) request.Headers.TryAddWithoutValidation(BankEndpoints.SignatureHeader, BankEndpoints.Sign(body, secret));
        return request;
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string body, string? token) =>
        Raw(method, path, Encoding.UTF8.GetBytes(body), "application/json", token);

    private static HttpRequestMessage Raw(HttpMethod method, string path, byte[]? body, string? contentType, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        return request;
    }

    /// <summary>Flips one character of the payload segment: the signature no longer matches.</summary>
    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = parts[1].ToCharArray();
        payload[5] = payload[5] == 'A' ? 'B' : 'A';
        parts[1] = new string(payload);
        return string.Join('.', parts);
    }

    /// <summary>A body of unknown length (no Content-Length): sent chunked, so only the read limit can stop it.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] bytes;

        public ChunkedContent(byte[] bytes)
        {
            this.bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += 4096)
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(4096, bytes.Length - offset)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
