using System.Text.Json.Serialization;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Gateway.Http;
using Auction.Gateway.Limits;
using Auction.Silo.Compliance;

namespace Auction.Gateway.Endpoints;

// Request bodies of API.md. Constructor parameters without a default are required; unknown fields are refused.

public sealed record PlotRatioRequest(decimal? Min = null, decimal? Max = null);

public sealed record ParcelRequest(
    string ParcelNo, string Location, string CountyCode, LandUse Use, decimal AreaM2, int TermYears,
    PlotRatioRequest? PlotRatio = null, int? LandGrade = null, IndustrialCategory? IndustrialCategory = null)
{
    public Parcel ToParcel() => new(ParcelNo, Location, CountyCode, Use, AreaM2, TermYears,
        PlotRatio is null ? null : new PlotRatioRange(PlotRatio.Min, PlotRatio.Max), LandGrade, IndustrialCategory);
}

public sealed record TimedBiddingRequest(
    TimedBiddingStyle Style, int? CountdownSeconds = null, int? PreparationSeconds = null, int? ConversionWindowSeconds = null,
    decimal? Increment = null, bool OpenToNonQuoters = true, int? NoQuoteWindowSeconds = null)
{
    /// <summary>Fills the DOMAIN defaults of the style (J2: 240 s; F3: 900 s + 300 s; F1: the last hour).</summary>
    public TimedBiddingTerms ToTerms()
    {
        var defaults = Style switch
        {
            TimedBiddingStyle.Jiangsu => TimedBiddingTerms.JiangsuDefault,
            TimedBiddingStyle.Fujian => TimedBiddingTerms.FujianDefault,
            _ => TimedBiddingTerms.None,
        };
        return defaults with
        {
            CountdownSeconds = CountdownSeconds ?? defaults.CountdownSeconds,
            PreparationSeconds = PreparationSeconds ?? defaults.PreparationSeconds,
            ConversionWindowSeconds = ConversionWindowSeconds ?? defaults.ConversionWindowSeconds,
            Increment = Increment,
            OpenToNonQuoters = OpenToNonQuoters,
            NoQuoteWindowSeconds = NoQuoteWindowSeconds ?? defaults.NoQuoteWindowSeconds,
        };
    }
}

/// <summary>API.md v2 "Auction": online (a countdown every bid restarts) or on site; the defaults are the common practice.</summary>
public sealed record AuctionRequest(AuctionMode Mode = AuctionMode.Online, int? CountdownSeconds = null, int? MinBidders = null)
{
    public AuctionTerms ToTerms() => new(Mode, CountdownSeconds ?? AuctionTerms.DefaultCountdownSeconds, MinBidders ?? AuctionTerms.Default.MinBidders);
}

/// <summary>
/// API.md v2 "Price caps": the cap, its mode and that mode's block and timings; the server fills the mode's defaults
/// (confirm 300 s, quote 240 s, area countdown 240 s) and refuses what belongs to another mode.
/// </summary>
public sealed record PriceCapRequest(
    decimal Amount, CapMode Mode, int? ConfirmSeconds = null, int? QuoteSeconds = null, int? CountdownSeconds = null,
    HousingAreaTerms? HousingArea = null, OneTimeQuoteRange? OneTimeQuote = null)
{
    public PriceCapTerms ToTerms() => new(Amount, Mode, ConfirmSeconds, QuoteSeconds, CountdownSeconds, HousingArea, OneTimeQuote);
}

/// <summary>A publication; <c>biddingEndsAt</c> is required for a listing and a tender and refused for an auction (the method's rules say so).</summary>
public sealed record CreateListingRequest(
    string RequestId, ParcelRequest Parcel, DateTimeOffset BiddingStartsAt,
    decimal StartingPrice, decimal Increment, decimal Deposit,
    DateTimeOffset? BiddingEndsAt = null,
    GrantMethod Method = GrantMethod.Listing, DateTimeOffset? AnnouncedAt = null,
    DateTimeOffset? ApplicationDeadline = null, DateTimeOffset? DepositDeadline = null,
    IncrementRule IncrementRule = IncrementRule.AtLeastOneStep, decimal? ReservePrice = null,
    TimedBiddingRequest? TimedBidding = null, AuctionRequest? Auction = null, TenderRequest? Tender = null,
    PriceCapRequest? PriceCap = null)
{
    public PublishListing ToCommand(string centreId, string actor) =>
        new(RequestId, centreId, actor, Parcel.ToParcel(), Method, AnnouncedAt, BiddingStartsAt, BiddingEndsAt,
            ApplicationDeadline, DepositDeadline, StartingPrice, Increment, IncrementRule, Deposit, ReservePrice,
            TimedBidding?.ToTerms() ?? TimedBiddingTerms.None, Auction?.ToTerms(), Tender?.ToTerms(), PriceCap?.ToTerms());
}

/// <summary>API.md v2 <c>area-bids</c>: a build-and-hand-over area in m² (竞配建).</summary>
public sealed record AreaBidRequest(decimal AreaM2, string RequestId);

/// <summary>API.md v2 <c>lottery/entries</c> and <c>one-time/confirmations</c>: joining carries only its request id.</summary>
public sealed record JoinRequest(string RequestId);

/// <summary>API.md v2 <c>one-time/quotes</c>: the one sealed quote, whole yuan.</summary>
public sealed record QuoteRequest(decimal Amount, string RequestId);

/// <summary>The bid receipt of API.md (v1 plus <c>hash</c>, and <c>channel</c> since auctions: <c>online</c> | <c>floor</c>).</summary>
public sealed record BidReceiptBody(
    long Seq, string? Hash, string ListingId, string BidderNo, decimal Amount, DateTimeOffset AcceptedAt, BidPhase Phase,
    DateTimeOffset? Deadline, BidChannel Channel);

/// <summary>API.md v2 <c>floor-bids</c>: a paddle bid the auctioneer records under a bidder number.</summary>
public sealed record FloorBidRequest(string BidderNo, decimal Amount, string RequestId);

/// <summary>API.md v2 <c>increment</c> (R-AUC-07): the new increment and why.</summary>
public sealed record IncrementRequest(decimal Increment, string Reason);

public sealed record ReserveRequest(decimal ReservePrice);

public sealed record ReasonRequest(string Reason);

public sealed record EmptyRequest;

public sealed record ApplyRequest(string RequestId);

public sealed record BidRequest(decimal Amount, string RequestId);

public sealed record BankCreditRequest(string Account, decimal Amount, string BankTxnId, DateTimeOffset CreditedAt);

public sealed record BankRefundRequest(string Account, decimal Amount, string BankRefId, DateTimeOffset RefundedAt);

public sealed record DevTokenRequest(string Subject, string Role, string Name, string? Centre = null);

public sealed record DevBankCreditRequest(string Account, decimal Amount);

public sealed record DevBankRefundRequest(string Account, decimal Amount);

// Responses that are not engine views.

/// <summary>The application receipt: <c>seq</c> and <c>hash</c> are those of its entry in the listing's registration stream.</summary>
public sealed record ApplicationCreated(string ApplicationId, string Status, string DepositAccount, decimal DepositDue, DateTimeOffset DepositDeadline, long Seq, string Hash);

public sealed record MyApplication(string ApplicationId, string Status, decimal DepositPaid, decimal DepositDue, string? BidderNo, string DepositAccount, DateTimeOffset DepositDeadline,
    IReadOnlyList<Auction.Contracts.Registration.CreditView> Credits);

public sealed record CentreApplication(string ApplicationId, string BidderId, string BidderName, string Status, decimal DepositPaid, decimal DepositDue, string? BidderNo, string DepositAccount, DateTimeOffset AppliedAt,
    IReadOnlyList<Auction.Contracts.Registration.CreditView> Credits);

/// <summary>
/// The bank's answer: the credit as recorded, with the bank's <c>creditedAt</c> beside our <c>receivedAt</c>;
/// <c>lateCredit</c> when it arrived after the sale had ended (it is due back, R-COM-10).
/// </summary>
public sealed record BankCreditAccepted(string ApplicationId, decimal DepositPaid, string Status, bool Duplicate, bool ArrivedLate, DateTimeOffset? CreditedAt, DateTimeOffset? ReceivedAt,
    bool LateCredit = false);

/// <summary>
/// The bank's answer to a refund (R-COM-10): the deposit's status after it, everything refunded so far, what may still
/// be refunded, and the refund as recorded (the first one for a <c>duplicate</c>), the bank's time beside ours.
/// </summary>
public sealed record BankRefundAccepted(string ApplicationId, string Account, Auction.Contracts.Registration.DepositStatus Status, decimal Refunded, decimal Refundable, bool Duplicate,
    decimal Amount, DateTimeOffset RefundedAt, DateTimeOffset ReceivedAt);

public sealed record PlaceBidResult(
    bool Accepted, BidReceipt? Bid = null, string? Code = null, string? Message = null, decimal? MinNextBid = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ServerTime = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RetryAfterSeconds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Cap = null)
{
    /// <summary>A refusal as the hub answers it: the REST problem's code, message and details (<c>Retry-After</c> as a field).</summary>
    public static PlaceBidResult Refused(Rejection rejection) =>
        new(false, Code: rejection.Code, Message: rejection.Message, MinNextBid: rejection.MinNextBid, ServerTime: rejection.ServerTime,
            RetryAfterSeconds: rejection.Code == GatewayCodes.RateLimited ? BidRateLimiter.RetryAfterSeconds : null, Cap: rejection.Cap);
}

/// <summary>API.md v2: at most 1,000 <c>missed</c> events; <c>hasMore</c> when the client must read the rest from <c>/events</c>.</summary>
public sealed record WatchResult(ListingSnapshot Snapshot, IReadOnlyList<PublicListingEvent> Missed, bool HasMore);

/// <summary>One page of <c>GET /api/listings</c>: <c>nextCursor</c> is null on the last page.</summary>
public sealed record ListingPage(IReadOnlyList<ListingSnapshot> Items, string? NextCursor);

/// <summary>
/// R-REG-02, R-IND-03: the deal price against the industrial floor. <see cref="Status"/> is <c>pass</c>, <c>fail</c> or
/// <c>notApplicable</c> (no deal: a failed sale); <see cref="Passed"/> is null when not applicable.
/// </summary>
public sealed record FloorCheck(decimal Floor, decimal? Price, bool? Passed, decimal? Ratio, string Status)
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string NotApplicable = "notApplicable";

    /// <summary>The awards' form of the one verdict on a deal price (the ratio to 4 decimals).</summary>
    public static FloorCheck Of(FloorVerdict v) => v.Status switch
    {
        CheckStatus.Pass => new(v.Floor, v.Price, true, decimal.Round(v.Ratio!.Value, 4), Pass),
        CheckStatus.Fail => new(v.Floor, v.Price, false, decimal.Round(v.Ratio!.Value, 4), Fail),
        _ => new(v.Floor, null, null, null, NotApplicable),
    };
}

/// <summary>An award for regulators; <c>dealMethod</c> (and <c>areaM2</c> after area bidding) say how the winner was determined.</summary>
public sealed record AwardSummary(
    string ListingId, string Centre, string ParcelNo, LandUse Use, CloseOutcome Outcome, FailureReason? Reason, string? WinnerBidderNo,
    string? WinnerName, decimal? Price, decimal StartingPrice, decimal? ReservePrice, Auction.Contracts.Common.FloorComputation? Floor,
    FloorCheck? FloorCheck, DateTimeOffset ClosedAt, DealMethod? DealMethod = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? PriceCap = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? AreaM2 = null)
{
    /// <summary>
    /// R-REG-02: the price against the floor, with the ratio deal / floor (judged by <see cref="DealPriceFloor"/>, as the
    /// compliance check R-IND-03 is). A failed sale has no deal price, so its check is <c>notApplicable</c> (<c>passed</c>
    /// null), never a pass.
    /// </summary>
    public static AwardSummary Of(RegulatorRecord record)
    {
        var d = record.Definition!;
        var result = record.Result!;
        var check = DealPriceFloor.Check(record.Floor, result.Price) is { } verdict ? FloorCheck.Of(verdict) : null;
        return new AwardSummary(d.ListingId, d.CentreId, d.Parcel.ParcelNo, d.Parcel.Use, result.Outcome, result.Reason,
            result.WinnerBidderNo, result.WinnerName, result.Price, d.StartingPrice, record.ReservePrice, record.Floor, check, result.ClosedAt,
            result.DealMethod, d.PriceCap?.Amount, result.AreaM2);
    }
}

/// <summary>How the web app signs people in: dev sign-in (dev tokens, no identity provider) or the provider's PKCE flow.</summary>
public sealed record AuthConfig(bool DevSignIn, string? Authority, string? ClientId, string Scope, IReadOnlyList<string> Roles);

/// <summary>The caller as the gateway understood the token (after claim mapping): what the web app shows and offers.</summary>
public sealed record Caller(string Subject, string Name, IReadOnlyList<string> Roles, string? Centre, DateTimeOffset? ExpiresAt);
