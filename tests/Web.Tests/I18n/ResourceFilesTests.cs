using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Gateway.Http;
using Auction.Gateway.Live;
using Auction.TestSupport;

namespace Auction.Web.Tests.I18n;

/// <summary>
/// Every UI string is in both resource files, every refusal code of the API has a sentence in both languages, and every
/// key the app's code asks for exists.
/// </summary>
public sealed partial class ResourceFilesTests
{
    private static readonly string WebRoot = Path.Combine(ServiceProcess.RepositoryRoot(), "src", "Gateway", "wwwroot");

    /// <summary>Codes API.md v2 announces for the next issues (auction, tender, caps, after the sale, grades).</summary>
    private static readonly string[] ApiV2Codes =
    [
        "ABOVE_CAP", "CAP_REACHED", "WRONG_CHANNEL", "UNKNOWN_BIDDER_NO", "TENDER_ALREADY_SUBMITTED", "SHEET_ALREADY_RECORDED",
        "ALREADY_JOINED", "QUOTE_ALREADY_SUBMITTED", "QUOTE_TAKEN", "NOT_CONFIRMED", "QUOTING_NOT_OPEN", "REFUND_EXCEEDS_BALANCE", "GRADE_MISMATCH",
    ];

    private static Dictionary<string, string> Load(string locale) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(WebRoot, "i18n", $"{locale}.json")))!;

    private static readonly Dictionary<string, string> Chinese = Load("zh-CN");
    private static readonly Dictionary<string, string> English = Load("en");

    [Fact]
    public void Both_languages_have_the_same_keys_and_no_empty_text()
    {
        Assert.Empty(Chinese.Keys.Except(English.Keys));
        Assert.Empty(English.Keys.Except(Chinese.Keys));
        Assert.Empty(Chinese.Concat(English).Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
    }

    [Fact]
    public void Every_refusal_code_of_the_API_has_a_sentence_in_both_languages()
    {
        var codes = Constants(typeof(RejectionCodes)).Concat(Constants(typeof(GatewayCodes))).Append(ListingsHub.TooManyWatches).Concat(ApiV2Codes).Distinct();
        var missing = codes.Where(c => !Chinese.ContainsKey($"refusal.{c}") || !English.ContainsKey($"refusal.{c}")).ToArray();
        Assert.Empty(missing);
        Assert.Contains("{minNextBid}", Chinese["refusal.BID_TOO_LOW"], StringComparison.Ordinal);
        Assert.Contains("{minNextBid}", English["refusal.BID_TOO_LOW"], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_value_the_API_can_send_has_its_label()
    {
        Assert.Empty(Missing("status", Names<ListingStatus>()));
        Assert.Empty(Missing("use", Names<LandUse>()));
        Assert.Empty(Missing("method", Names<GrantMethod>()));
        Assert.Empty(Missing("category", Names<IndustrialCategory>()));
        Assert.Empty(Missing("incrementRule", Names<IncrementRule>()));
        Assert.Empty(Missing("phase", Names<BidPhase>()));
        Assert.Empty(Missing("outcome", Names<CloseOutcome>()));
        Assert.Empty(Missing("result.reason", Names<FailureReason>()));
        Assert.Empty(Missing("timedStyle", Names<TimedBiddingStyle>()));
        Assert.Empty(Missing("dealMethod", Names<DealMethod>()));
        Assert.Empty(Missing("channel", Names<BidChannel>()));
        Assert.Empty(Missing("auctionMode", Names<AuctionMode>()));
        Assert.Empty(Missing("checkStatus", Names<Auction.Silo.Compliance.CheckStatus>()));
        Assert.Empty(Missing("complianceRule", Auction.Silo.Compliance.CheckIds.All));
        Assert.Empty(Missing("verifyReason", Constants(typeof(Auction.Contracts.Records.VerifyReasons))));
        var eventTypes = typeof(Auction.Silo.Listing.ListingEvent).GetCustomAttributes<System.Text.Json.Serialization.JsonDerivedTypeAttribute>()
            .Select(a => (string)a.TypeDiscriminator!);
        Assert.Empty(Missing("eventType", eventTypes));
    }

    [Fact]
    public void Every_key_the_code_asks_for_exists()
    {
        var keys = Directory.EnumerateFiles(Path.Combine(WebRoot, "app"), "*.js", SearchOption.AllDirectories)
            .SelectMany(file => LiteralKey().Matches(File.ReadAllText(file)).Select(m => m.Groups["key"].Value))
            .Distinct().ToArray();
        Assert.True(keys.Length > 200, $"only {keys.Length} keys found");
        var missing = keys.Where(k => !Chinese.ContainsKey(k)).ToArray();
        Assert.Empty(missing);
    }

    private IEnumerable<string> Missing(string prefix, IEnumerable<string> values) =>
        values.Select(v => $"{prefix}.{v}").Where(k => !Chinese.ContainsKey(k) || !English.ContainsKey(k));

    private static IEnumerable<string> Names<T>() where T : struct, Enum => ApiEnums.Names(typeof(T));

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);

    [GeneratedRegex(@"\bt\('(?<key>[A-Za-z0-9_.]+)'")]
    private static partial Regex LiteralKey();
}
