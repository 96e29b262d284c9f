using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Sealing;
using Auction.Silo.Methods;
using Auction.Silo.Methods.Caps;
using Auction.Silo.Rules;

namespace Auction.Silo.Listing;

/// <summary>
/// The rules of a sale as a decider: given the state, a command and the server time, it returns the events to record
/// or a rejection, and never changes the state itself. It runs what every method shares (publication's common checks,
/// the reserve, suspension and termination, qualification, the common refusals of a bid, increment changes) and asks
/// the sale's method (<see cref="IGrantMethod"/>, from <see cref="GrantMethods"/>) for the rest — or, once the price cap
/// is reached, the cap stage of its mode (<see cref="ICapStage"/>, from <see cref="CapStages"/>). Pure (no Orleans, no
/// clock), so the grain, the unit tests and the property tests run the very same code.
/// </summary>
public sealed partial class ListingEngine(PublicationRules publication, ListingRuleSettings settings, GrantMethods? methods = null, CapStages? caps = null)
{
    public const int MaxReasonLength = 500;

    private readonly GrantMethods _methods = methods ?? GrantMethods.Standard;
    private readonly CapStages _caps = caps ?? CapStages.Standard;

    /// <summary>
    /// The automatic transition due at <paramref name="now"/>, if any: bidding opens at its start; at the
    /// listing deadline the listing closes or converts (§6.6); preparation ends; a countdown expires. Each
    /// carries its effective time, so catching up late records what a punctual timer would have.
    /// </summary>
    public ListingEvent? DueTransition(ListingState s, DateTimeOffset now)
    {
        if (!s.IsPublished || s.IsSuspended || s.IsEnded || s.Deadline is not { } due || now < due) return null;
        return _caps.Running(s) is { } stage ? stage.DueTransition(s, due) : _methods.Of(s).DueTransition(s, due);
    }

    /// <param name="secret">
    /// 32 random bytes the grain drew for this publication (a cryptographic RNG): a cap stage that commits to a secret (the
    /// lottery) publishes its SHA-256 and keeps it, sealed in the journal; required for a lottery, ignored otherwise.
    /// </param>
    public (ListingEvent[] Events, Rejection? Rejection) Publish(ListingState s, string listingId, PublishListing command, DateTimeOffset now, byte[]? secret = null)
    {
        var fingerprint = Fingerprint(command);
        if (s.IsPublished)
        {
            if (s.PublishRequestId != command.RequestId || s.Definition!.CentreId != command.CentreId)
                return ([], new Rejection(RejectionCodes.ListingExists, $"Listing {listingId} is already published."));
            return s.PublishFingerprint == fingerprint && s.PublishedReserve == command.ReservePrice
                ? ([], null)
                : ([], new Rejection(RejectionCodes.IdempotencyMismatch, $"Request {command.RequestId} already published listing {listingId} with other terms."));
        }
        if (_methods.For(command.Method) is not { } method)
            return ([], Rejection.Validation("method", $"must be one of: {string.Join(", ", _methods.Supported.Select(Camel))}"));
        var capMode = command.PriceCap is { } cap ? _caps.For(cap.Mode) : null;
        var (definition, rejection) = publication.Validate(listingId, command, now, method, capMode);
        if (rejection is not null) return ([], rejection);
        string? keptSecret = null;
        if (definition!.PriceCap is { } terms)
        {
            (var committed, keptSecret) = capMode!.Commit(terms, secret);
            definition = definition with { PriceCap = committed };
        }
        var published = new ListingPublished(definition, command.RequestId, command.Actor, fingerprint, keptSecret);
        return command.ReservePrice is { } reserve
            ? ([published, new ReserveSealed(reserve, command.Actor, AtPublication: true)], null)
            : ([published], null);
    }

    /// <summary>R-COM-07/08, R-IND-09a: once, secret, before its deadline, ≥ starting price and ≥ floor.</summary>
    public (ListingEvent? Event, Rejection? Rejection) SealReserve(ListingState s, CentreActor actor, decimal reserve, DateTimeOffset now)
    {
        if (Owned(s, actor) is { } denied) return (null, denied);
        if (MoneyRules.Problem(reserve) is { } problem) return (null, Rejection.Validation("reservePrice", problem));
        if (s.HasReserve) return (null, new Rejection(RejectionCodes.ReserveAlreadySet, "The reserve is sealed already and cannot be changed (R-COM-08)."));
        if (s.IsEnded) return (null, Invalid(s, "seal a reserve"));
        var latest = _methods.Of(s).ReserveDueBy(s, settings);
        // R-COM-08 (Jiangsu): only within the last N minutes before the deadline the reserve is counted back from.
        if (settings.ReserveEntryWindowMinutes > 0 && latest.AddMinutes(settings.ReserveDeadlineMinutes - settings.ReserveEntryWindowMinutes) is var opens && now < opens)
            return (null, new Rejection(RejectionCodes.ReserveTooEarly, $"The reserve is entered from {opens:O}, the last {settings.ReserveEntryWindowMinutes} minutes before the deadline (R-COM-08, Jiangsu).", ServerTime: now));
        if (now > latest || s.Stage is not (ListingStage.Announced or ListingStage.Open))
            return (null, new Rejection(RejectionCodes.ReserveTooLate, $"The reserve had to be sealed by {latest:O} ({settings.ReserveDeadlineMinutes} minutes before the {(s.BiddingEndsAt is null ? "start" : "listing deadline")}, R-COM-08).", ServerTime: now));
        var listing = s.Definition!;
        if (reserve < listing.StartingPrice)
            return (null, new Rejection(RejectionCodes.ReserveBelowStart, $"The reserve {reserve} is below the starting price {listing.StartingPrice}."));
        if (listing.Floor is { } floor && reserve < floor.Total) return (null, IndustrialFloor.Violation(floor, "The reserve", reserve));
        if (listing.PriceCap is { } cap && reserve > cap.Amount) return (null, PriceCapRules.ReserveAboveCap(cap.Amount));
        return (new ReserveSealed(reserve, actor.UserId), null);
    }

    /// <summary>R-FRZ-01: suspension stops bids and the clock of every deadline.</summary>
    public (ListingEvent? Event, Rejection? Rejection) Suspend(ListingState s, CentreActor actor, string reason)
    {
        if (Owned(s, actor) is { } denied) return (null, denied);
        if (Reason(reason) is { } invalid) return (null, invalid);
        if (s.IsEnded || s.IsSuspended) return (null, Invalid(s, "suspend"));
        return (new ListingSuspended(reason.Trim(), actor.UserId), null);
    }

    /// <summary>R-FRZ-03: the method decides the stage and deadlines that hold after the suspension.</summary>
    public (ListingEvent? Event, Rejection? Rejection) Resume(ListingState s, CentreActor actor, DateTimeOffset now)
    {
        if (Owned(s, actor) is { } denied) return (null, denied);
        if (!s.IsSuspended || s.IsEnded) return (null, Invalid(s, "resume"));
        return (_caps.Running(s) is { } stage ? stage.Resume(s, actor.UserId, now) : _methods.Of(s).Resume(s, actor.UserId, now), null);
    }

    /// <summary>R-FRZ-05: termination ends the listing without a deal.</summary>
    public (ListingEvent? Event, Rejection? Rejection) Terminate(ListingState s, CentreActor actor, string reason)
    {
        if (Owned(s, actor) is { } denied) return (null, denied);
        if (Reason(reason) is { } invalid) return (null, invalid);
        if (s.IsEnded) return (null, Invalid(s, "terminate"));
        return (new ListingTerminated(reason.Trim(), actor.UserId), null);
    }

    /// <summary>R-COM-14: the owning centre publishes the result notice drafted at the end, once.</summary>
    public (ListingEvent? Event, Rejection? Rejection) PublishNotice(ListingState s, CentreActor actor, DateTimeOffset now)
    {
        if (Owned(s, actor) is { } denied) return (null, denied);
        if (!s.IsEnded)
            return (null, new Rejection(RejectionCodes.NotClosed, $"The result notice is drafted when the sale ends; the listing is {s.StatusName}.", ServerTime: now));
        if (s.NoticePublishedAt is { } publishedAt)
            return (null, new Rejection(RejectionCodes.NoticeAlreadyPublished, $"The result notice was published at {publishedAt:O}; a notice is published once.", ServerTime: now));
        return (new ResultNoticePublished(actor.UserId), null);
    }

    /// <summary>R-DEP-02, R-ONL-02: the bidder number is issued at qualification, once per application.</summary>
    public (BidderQualified? Event, string? Existing, Rejection? Rejection) Qualify(ListingState s, QualifyBidder command)
    {
        if (!s.IsPublished) return (null, null, NotFound());
        if (s.QualifiedApplication(command.ApplicationId) is { } known) return (null, known.BidderNo, null);
        if (s.QualifiedBidder(command.BidderId) is { } sameBidder) return (null, sameBidder.BidderNo, null);
        var listing = s.Definition!;
        if (s.IsEnded)
            return (null, null, new Rejection(RejectionCodes.QualificationClosed, "The listing has ended; no bidder can qualify."));
        if (command.DepositCompletedAt > listing.DepositDeadline || command.DepositPaid < listing.Deposit)
            return (null, null, new Rejection(RejectionCodes.DepositNotPaid, $"The full deposit {listing.Deposit} had to arrive by {listing.DepositDeadline:O} (R-DEP-02)."));
        var bidderNo = (s.QualifiedBidders.Count + 1).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return (new BidderQualified(bidderNo, command.BidderId, command.BidderName, command.ApplicationId, command.DepositAccount,
            command.DepositPaid, command.DepositCompletedAt), null, null);
    }

    /// <summary>
    /// R-BID-01…08, R-CONV-3: what refuses any bid whatever the method (an unknown sale, a bad request id or amount, an
    /// ended, suspended or not yet open sale) and the replay of a known request; then the method judges it, or, once
    /// capped, the cap stage (CAP-G3: refused whatever the amount).
    /// </summary>
    public BidDecision Bid(ListingState s, PlaceBid command, DateTimeOffset now)
    {
        if (!s.IsPublished) return BidDecision.Reject(NotFound());
        if (string.IsNullOrEmpty(command.RequestId) || command.RequestId.Length > PublicationRules.MaxRequestIdLength)
            return BidDecision.Reject(Rejection.Validation("requestId", $"must be 1..{PublicationRules.MaxRequestIdLength} characters"));
        if (s.BidByRequest(command.BidderId, command.RequestId) is { } earlier)
        {
            return earlier.Fact.Amount == command.Amount
                ? new BidDecision(null, null, earlier)
                : BidDecision.Reject(new Rejection(RejectionCodes.IdempotencyMismatch, $"Request {command.RequestId} was already used for a bid of {earlier.Fact.Amount}."));
        }
        if (MoneyRules.Problem(command.Amount) is { } problem) return BidDecision.Reject(Rejection.Validation("amount", $"amount {problem}"));
        if (NotBidding(s, now) is { } refused) return BidDecision.Reject(refused);
        if (_caps.Running(s) is { } stage) return stage.Bid(s, command, now);
        if (SelfOutbid(s, command.BidderId, now) is { } own) return BidDecision.Reject(own);
        return _methods.Of(s).Bid(s, command, now);
    }

    /// <summary>On-site auctions (API.md v2 <c>floor-bids</c>): the owning centre's auctioneer records a paddle bid.</summary>
    public BidDecision FloorBid(ListingState s, CentreActor actor, FloorBid command, DateTimeOffset now)
    {
        if (Owned(s, actor) is { } denied) return BidDecision.Reject(denied);
        var errors = new FieldErrors();
        errors.RequireRequestId(command.RequestId);
        if (string.IsNullOrEmpty(command.BidderNo) || command.BidderNo.Length > 16 || !command.BidderNo.All(char.IsAsciiDigit))
            errors.Add("bidderNo", "must be a bidder number (竞买号) such as 007");
        errors.RequireMoney("amount", command.Amount);
        if (errors.Any) return BidDecision.Reject(errors.ToRejection());
        // Once capped the stage refuses paddles like any price bid; the auctioneer's replay of the cap quote still replays.
        if (_caps.Running(s) is { } stage && s.FloorBidByRequest(command.RequestId) is null)
            return stage.Bid(s, new PlaceBid(command.BidderNo, command.Amount, command.RequestId), now);
        if (s.FloorBidByRequest(command.RequestId) is null && s.QualifiedBidders.FirstOrDefault(b => b.BidderNo == command.BidderNo) is { } bidder
            && SelfOutbid(s, bidder.BidderId, now) is { } own)
            return BidDecision.Reject(own);
        return _methods.Of(s) is IFloorAuction floor
            ? floor.FloorBid(s, actor, command, now)
            : BidDecision.Reject(new Rejection(RejectionCodes.WrongChannel, $"Floor bids are for on-site auctions; this is a {Camel(s.Definition!.Method)}.", ServerTime: now));
    }

    /// <summary>On-site auctions: the hammer falls (R-AUC-05/06).</summary>
    public (ListingClosed? Closed, Rejection? Rejection) Hammer(ListingState s, CentreActor actor, DateTimeOffset now)
    {
        if (Owned(s, actor) is { } denied) return (null, denied);
        if (s.IsCapped)
            return (null, new Rejection(RejectionCodes.CapReached, $"The price cap was reached: the {PriceCapRules.Camel(s.Cap!.Mode)} stage, not the hammer, decides the winner.", ServerTime: now));
        return _methods.Of(s) is IFloorAuction floor
            ? floor.Hammer(s, now)
            : (null, new Rejection(RejectionCodes.WrongChannel, $"Only an on-site auction ends by the hammer; this is a {Camel(s.Definition!.Method)}.", ServerTime: now));
    }

    /// <summary>
    /// R-AUC-07 (R-LST-04 for listings): the owning centre changes the increment of the current stage while price
    /// bidding is open; the next bid obeys it.
    /// </summary>
    public (ListingEvent? Event, Rejection? Rejection) ChangeIncrement(ListingState s, CentreActor actor, decimal increment, string reason, DateTimeOffset now)
    {
        if (Owned(s, actor) is { } denied) return (null, denied);
        var errors = new FieldErrors();
        errors.RequireMoney("increment", increment);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength) errors.Add("reason", $"must be 1..{MaxReasonLength} characters");
        if (errors.Any) return (null, errors.ToRejection());
        if (MinNextBid(s) is null)
            return (null, new Rejection(RejectionCodes.InvalidTransition, $"The increment can change only while bidding is open; the listing is {s.StatusName}.", ServerTime: now));
        return (new IncrementChanged(increment, reason.Trim(), actor.UserId), null);
    }

    /// <summary>
    /// Where a bidder's tender lives (the box and the bidder number), so the grain can look for an earlier one before the
    /// decision; null when the caller can have none (not a tender, not qualified).
    /// </summary>
    public (string Box, string Key)? TenderPlace(ListingState s, string bidderId) =>
        s.IsPublished && _methods.Of(s) is ITenderSubmissions tenders && s.QualifiedBidder(bidderId) is { } bidder ? (tenders.Box, bidder.BidderNo) : null;

    /// <summary>
    /// R-TEN-02, R-CONV-3: what refuses any tender (an unknown sale or another method, a bad request id or amount),
    /// then the repeat of a bidder whose place is taken (<paramref name="existing"/>, read from the box),
    /// then what refuses any submission by time (ended, suspended, not yet open); then the method judges it.
    /// </summary>
    public TenderDecision Tender(ListingState s, SubmitTender command, BoxReceipt? existing, DateTimeOffset now)
    {
        if (!s.IsPublished) return TenderDecision.Reject(NotFound());
        if (_methods.Of(s) is not ITenderSubmissions tenders)
            return TenderDecision.Reject(new Rejection(RejectionCodes.WrongChannel, $"Tenders are for tender sales; this is a {Camel(s.Definition!.Method)}.", ServerTime: now));
        var errors = new FieldErrors();
        errors.RequireRequestId(command.RequestId);
        errors.RequireMoney("amount", command.Amount);
        if (errors.Any) return TenderDecision.Reject(errors.ToRejection());
        if (existing is not null) return tenders.Resubmitted(s, command, existing);
        if (NotBidding(s, now) is { } refused) return TenderDecision.Reject(refused);
        return tenders.Submit(s, command, now);
    }

    /// <summary>The bidder's receipt of its sealed tender.</summary>
    public TenderReceipt? TenderReceipt(ListingState s, BoxReceipt? item) =>
        item is not null && _methods.Of(s) is ITenderSubmissions tenders ? tenders.Receipt(s.Definition!.ListingId, item) : null;

    /// <summary>Comprehensive tenders (R-TEN-05): the owning centre records a committee member's sheet.</summary>
    public SheetDecision RecordSheet(ListingState s, CentreActor actor, EvaluationSheet sheet, DateTimeOffset now)
    {
        if (Owned(s, actor) is { } denied) return SheetDecision.Reject(denied);
        if (_methods.Of(s) is not ICommitteeEvaluation committee)
            return SheetDecision.Reject(new Rejection(RejectionCodes.InvalidTransition, $"Only a tender has an evaluation committee; this is a {Camel(s.Definition!.Method)}.", ServerTime: now));
        var errors = new FieldErrors();
        errors.RequireRequestId(sheet.RequestId);
        return errors.Any ? SheetDecision.Reject(errors.ToRejection()) : committee.RecordSheet(s, actor, sheet, now);
    }

    /// <summary>The lowest bid the current stage accepts, or null when price bidding is not open (nor ever again once capped).</summary>
    public decimal? MinNextBid(ListingState s) => s.IsPublished && !s.IsEnded && !s.IsCapped ? _methods.Of(s).MinNextBid(s) : null;

    /// <summary>A sealed box of the sale that must open by <paramref name="now"/> (tenders, one-time quotes), or null.</summary>
    public BoxOpening? OpeningDue(ListingState s, DateTimeOffset now) =>
        s.IsPublished && !s.IsEnded && !s.IsSuspended && SealedSubmissions(s) is { } sealedBox ? sealedBox.OpeningDue(s, now) : null;

    /// <summary>What the sale records once the box of <paramref name="opening"/> is open.</summary>
    public ListingEvent[] Opened(ListingState s, BoxOpening opening, Contracts.Sealing.OpenedBox box) =>
        SealedSubmissions(s)?.Opened(s, opening, box) ?? throw new InvalidOperationException($"{Camel(s.Definition!.Method)} keeps no sealed box");

    /// <summary>The sealed submissions of whatever runs the sale now: the cap stage once capped (one-time quotes), else the method (tenders).</summary>
    private ISealedSubmissions? SealedSubmissions(ListingState s) => s.IsCapped ? _caps.Running(s) as ISealedSubmissions : _methods.Of(s) as ISealedSubmissions;

    /// <summary>The deadline of a running countdown (timed bidding, an online auction, area bidding), for the hub's warnings.</summary>
    public DateTimeOffset? CountdownDeadline(ListingState s) =>
        !s.IsPublished || s.IsEnded ? null
        : _caps.Running(s) is { } stage ? stage.CountdownDeadline(s)
        : _methods.Of(s).CountdownDeadline(s);

    /// <summary>
    /// SHA-256 of the command's canonical JSON, minus who sent it and minus the reserve: the identity of a
    /// publication request. The reserve stays out because the fingerprint is stored in the journal and a hash of
    /// otherwise public terms would give the sealed reserve away to a dictionary search; a replay compares the
    /// reserve with the one sealed at publication instead.
    /// </summary>
    public static string Fingerprint(PublishListing command) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(command with { Actor = "", ReservePrice = null }, Journal.JournalJson.Options))));

    public static Rejection NotFound() => new(RejectionCodes.ListingNotFound, "No such listing.");

    /// <summary>R-BID-07 [U], when the deployment forbids it: the holder of the highest bid may not raise its own bid.</summary>
    private Rejection? SelfOutbid(ListingState s, string bidderId, DateTimeOffset now) =>
        !settings.AllowSelfOutbid && s.Highest?.BidderId == bidderId
            ? new Rejection(RejectionCodes.SelfOutbid, "You already hold the highest bid; this centre does not let a bidder raise its own bid (R-BID-07).", ServerTime: now)
            : null;

    /// <summary>What refuses every bid whatever the method: the sale ended, is suspended, or has not opened.</summary>
    private static Rejection? NotBidding(ListingState s, DateTimeOffset now) => s.Stage switch
    {
        ListingStage.Closed or ListingStage.Terminated => new Rejection(RejectionCodes.BiddingClosed, $"Bidding has ended (报价超出截止时间); the listing is {s.StatusName}.", ServerTime: now),
        _ when s.IsSuspended => new Rejection(RejectionCodes.ListingSuspended, "The listing is suspended (地块状态发生变化); no bids are accepted until it resumes.", ServerTime: now),
        ListingStage.Announced => new Rejection(RejectionCodes.ListingNotOpen, $"Bidding opens at {s.Definition!.BiddingStartsAt:O}.", ServerTime: now),
        _ => null,
    };

    private static string Camel<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static Rejection? Owned(ListingState s, CentreActor actor) =>
        !s.IsPublished ? NotFound()
        : s.Definition!.CentreId != actor.CentreId ? new Rejection(RejectionCodes.NotListingOwner, "Only the centre that published this listing may manage it.")
        : null;

    private static Rejection? Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength
            ? Rejection.Validation("reason", $"must be 1..{MaxReasonLength} characters")
            : null;

    private static Rejection Invalid(ListingState s, string action) =>
        new(RejectionCodes.InvalidTransition, $"Cannot {action}: the listing is {s.StatusName}.");
}
