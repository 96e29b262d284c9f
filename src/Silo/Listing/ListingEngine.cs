using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Rules;

namespace Auction.Silo.Listing;

/// <summary>The decision on a bid: an event to record, a rejection, or the earlier outcome of the same request.</summary>
public sealed record BidDecision(BidAccepted? Accepted, Rejection? Rejection, RecordedBid? Replay);

/// <summary>
/// The listing rules as a decider: given the state, a command and the server time, it returns the events to
/// record or a rejection, and never changes the state itself. Pure (no Orleans, no clock), so the grain, the
/// unit tests and the property tests run the very same code.
/// </summary>
public sealed class ListingEngine(PublicationRules publication, ListingRuleSettings settings)
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// The automatic transition due at <paramref name="now"/>, if any: bidding opens at its start; at the
    /// listing deadline the listing closes or converts (§6.6); preparation ends; a countdown expires. Each
    /// carries its effective time, so catching up late records what a punctual timer would have.
    /// </summary>
    public ListingEvent? DueTransition(ListingState s, DateTimeOffset now)
    {
        if (!s.IsPublished || s.IsSuspended || s.IsEnded || s.Deadline is not { } due || now < due) return null;
        var listing = s.Definition!;
        return s.Stage switch
        {
            ListingStage.Announced => new BiddingOpened(due, s.BiddingEndsAt),
            ListingStage.Listing => ClosingRules.AtListingDeadline(listing, due, s.QualifiedBidders.Count, s.BidFacts, s.Reserve) switch
            {
                DeadlineStep.Prepare p => new PreparationStarted(due, p.Until),
                DeadlineStep.StartTimed t => new TimedBiddingStarted(due, t.StartPrice, t.Deadline),
                DeadlineStep.Close c => Close(c.Decision, due),
                _ => throw new InvalidOperationException("unknown deadline step"),
            },
            ListingStage.Preparation => ClosingRules.AfterPreparation(listing, due, s.Highest!.Fact.Amount) is var t
                ? new TimedBiddingStarted(due, t.StartPrice, t.Deadline) : null,
            ListingStage.Timed => Close(ClosingRules.Decide(s.QualifiedBidders.Count, s.BidFacts, s.Reserve, listing.Floor), due),
            _ => null,
        };
    }

    public (ListingEvent[] Events, Rejection? Rejection) Publish(ListingState s, string listingId, PublishListing command, DateTimeOffset now)
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
        var (definition, rejection) = publication.Validate(listingId, command, now);
        if (rejection is not null) return ([], rejection);
        var published = new ListingPublished(definition!, command.RequestId, command.Actor, fingerprint);
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
        var latest = s.BiddingEndsAt.AddMinutes(-settings.ReserveDeadlineMinutes);
        if (now > latest || s.Stage is ListingStage.Preparation or ListingStage.Timed)
            return (null, new Rejection(RejectionCodes.ReserveTooLate, $"The reserve had to be sealed by {latest:O} ({settings.ReserveDeadlineMinutes} minutes before the listing deadline, R-COM-08).", ServerTime: now));
        var listing = s.Definition!;
        if (reserve < listing.StartingPrice)
            return (null, new Rejection(RejectionCodes.ReserveBelowStart, $"The reserve {reserve} is below the starting price {listing.StartingPrice}."));
        if (listing.Floor is { } floor && reserve < floor.Total) return (null, IndustrialFloor.Violation(floor, "The reserve", reserve));
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

    /// <summary>
    /// R-FRZ-03 and API.md: deadlines extend by the suspended time (only the part inside the bidding period
    /// moves the listing deadline); Fujian preparation or auction restarts with a fresh preparation.
    /// </summary>
    public (ListingEvent? Event, Rejection? Rejection) Resume(ListingState s, CentreActor actor, DateTimeOffset now)
    {
        if (Owned(s, actor) is { } denied) return (null, denied);
        if (!s.IsSuspended || s.IsEnded) return (null, Invalid(s, "resume"));
        var listing = s.Definition!;
        var suspendedAt = s.SuspendedAt!.Value;
        var suspendedFor = now - suspendedAt;
        var lostBiddingTime = now - (suspendedAt > listing.BiddingStartsAt ? suspendedAt : listing.BiddingStartsAt);
        var endsAt = lostBiddingTime > TimeSpan.Zero ? s.BiddingEndsAt + lostBiddingTime : s.BiddingEndsAt;
        var terms = listing.TimedBidding;
        return (s.Stage, terms.Style) switch
        {
            (ListingStage.Announced, _) => (new ListingResumed(actor.UserId, ListingStage.Announced, listing.BiddingStartsAt, endsAt, suspendedFor), null),
            (ListingStage.Listing, _) => (new ListingResumed(actor.UserId, ListingStage.Listing, endsAt, endsAt, suspendedFor), null),
            (_, TimedBiddingStyle.Fujian) when terms.PreparationSeconds > 0 =>
                (new ListingResumed(actor.UserId, ListingStage.Preparation, now.AddSeconds(terms.PreparationSeconds), s.BiddingEndsAt, suspendedFor), null),
            _ => (new ListingResumed(actor.UserId, s.Stage, s.Deadline!.Value + suspendedFor, s.BiddingEndsAt, suspendedFor), null),
        };
    }

    /// <summary>R-FRZ-05: termination ends the listing without a deal.</summary>
    public (ListingEvent? Event, Rejection? Rejection) Terminate(ListingState s, CentreActor actor, string reason)
    {
        if (Owned(s, actor) is { } denied) return (null, denied);
        if (Reason(reason) is { } invalid) return (null, invalid);
        if (s.IsEnded) return (null, Invalid(s, "terminate"));
        return (new ListingTerminated(reason.Trim(), actor.UserId), null);
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

    /// <summary>R-BID-01…08, R-CONV-3: the bid is judged at its server time against the stage it falls in.</summary>
    public BidDecision Bid(ListingState s, PlaceBid command, DateTimeOffset now)
    {
        if (!s.IsPublished) return Reject(NotFound());
        if (string.IsNullOrEmpty(command.RequestId) || command.RequestId.Length > PublicationRules.MaxRequestIdLength)
            return Reject(Rejection.Validation("requestId", $"must be 1..{PublicationRules.MaxRequestIdLength} characters"));
        if (s.BidByRequest(command.BidderId, command.RequestId) is { } earlier)
        {
            return earlier.Fact.Amount == command.Amount
                ? new BidDecision(null, null, earlier)
                : Reject(new Rejection(RejectionCodes.IdempotencyMismatch, $"Request {command.RequestId} was already used for a bid of {earlier.Fact.Amount}."));
        }
        if (MoneyRules.Problem(command.Amount) is { } problem) return Reject(Rejection.Validation("amount", $"amount {problem}"));

        var listing = s.Definition!;
        switch (s.Stage)
        {
            case ListingStage.Closed or ListingStage.Terminated:
                return Reject(new Rejection(RejectionCodes.BiddingClosed, $"Bidding has ended (报价超出截止时间); the listing is {s.StatusName}.", ServerTime: now));
            case var _ when s.IsSuspended:
                return Reject(new Rejection(RejectionCodes.ListingSuspended, "The listing is suspended (地块状态发生变化); no bids are accepted until it resumes.", ServerTime: now));
            case ListingStage.Announced:
                return Reject(new Rejection(RejectionCodes.ListingNotOpen, $"Bidding opens at {listing.BiddingStartsAt:O}.", ServerTime: now));
            case ListingStage.Preparation:
                return Reject(new Rejection(RejectionCodes.ListingNotOpen, $"Preparation for timed bidding until {s.Deadline:O} (F3); no bids until then.", ServerTime: now));
        }

        // The deadline is judged by the bid's own timestamp, whether or not a timer has fired (ARCHITECTURE §3).
        if (now >= s.Deadline)
            return Reject(new Rejection(RejectionCodes.BiddingClosed, $"The deadline {s.Deadline:O} has passed (报价超出截止时间).", ServerTime: now));
        if (s.Stage == ListingStage.Listing && listing.TimedBidding.NoQuoteWindowSeconds > 0
            && now >= s.BiddingEndsAt.AddSeconds(-listing.TimedBidding.NoQuoteWindowSeconds))
            return Reject(new Rejection(RejectionCodes.NoQuoteWindow,
                $"Listing quotes stopped {listing.TimedBidding.NoQuoteWindowSeconds / 60} minutes before the listing deadline (J5, 挂牌截止期1个小时，不接受报价); timed bidding follows at {s.BiddingEndsAt:O}.", ServerTime: now));
        if (s.QualifiedBidder(command.BidderId) is not { } bidder)
            return Reject(new Rejection(RejectionCodes.NotQualified, "Only qualified bidders with a complete deposit may bid (您未交纳保证金, R-BID-06).", ServerTime: now));
        if (s.Stage == ListingStage.Timed && !listing.TimedBidding.OpenToNonQuoters && !s.QuotedDuringListing(command.BidderId))
            return Reject(new Rejection(RejectionCodes.NotQualified, "Timed bidding is open only to bidders who quoted during the listing (J6).", ServerTime: now));

        if (PriceRules.Check(command.Amount, s.Highest?.Fact.Amount, listing.StartingPrice, s.CurrentIncrement, listing.IncrementRule) is { } low)
            return Reject(low with { ServerTime = now });

        var phase = s.Stage == ListingStage.Timed ? BidPhase.Timed : BidPhase.Listing;
        var deadline = phase == BidPhase.Timed ? ClosingRules.TimedDeadlineAfterBid(listing, now) : s.Deadline!.Value;
        return new BidDecision(new BidAccepted(bidder.BidderNo, command.BidderId, command.Amount, phase, deadline, command.RequestId), null, null);
    }

    /// <summary>The lowest bid the current stage accepts, or null when bidding is not open.</summary>
    public static decimal? MinNextBid(ListingState s) =>
        s.Stage is ListingStage.Listing or ListingStage.Timed && !s.IsSuspended
            ? PriceRules.MinNextBid(s.Highest?.Fact.Amount, s.Definition!.StartingPrice, s.CurrentIncrement)
            : null;

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

    private static ListingClosed Close(CloseDecision d, DateTimeOffset at) => new(d.Outcome, d.Reason, d.WinnerBidderNo, d.Price, at);

    private static BidDecision Reject(Rejection rejection) => new(null, rejection, null);

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
