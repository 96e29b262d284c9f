using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Auction;

/// <summary>
/// Auction (拍卖, DOMAIN §5; API.md v2 "Auction"). It starts at <c>biddingStartsAt</c> with the qualified bidders it has
/// (fewer than <c>minBidders</c>: failed <c>tooFewBidders</c>, R-AUC-08), takes bids by the listing's ordering and
/// increment rules (the first at the starting price or above, 应价), and ends when bidding stops: online, when a
/// countdown that every accepted bid restarts runs out (the "three calls" of R-AUC-05); on site, when the auctioneer
/// strikes the hammer. Either way: no bid → failed <c>noBids</c>; the highest below the reserve → failed
/// <c>belowReserve</c> (R-AUC-06); otherwise sold to the highest bid. It has no <c>biddingEndsAt</c>, and the
/// listing-period rule (R-LST-01) does not apply; R-COM-04 does.
/// </summary>
public sealed class AuctionMethod : IGrantMethod, IFloorAuction
{
    public const int MaxMinBidders = 1000;

    public GrantMethod Method => GrantMethod.Auction;

    public BiddingWindow ResolveWindow(PublishListing command, PublicationContext context, FieldErrors errors)
    {
        if (command.BiddingEndsAt is not null) errors.Add("biddingEndsAt", "must be absent for an auction: it ends when bidding stops (R-AUC-05)");
        if (command.TimedBidding is { Style: not TimedBiddingStyle.None }) errors.Add("timedBidding", "applies only to listings (method 'listing')");
        if (command.Tender is not null) errors.Add("tender", "applies only to tenders (method 'tender')");
        var terms = command.Auction ?? AuctionTerms.Default;
        if (!Enum.IsDefined(terms.Mode)) errors.Add("auction.mode", "must be one of: online, onSite");
        if (terms.CountdownSeconds is < 10 or > 3600) errors.Add("auction.countdownSeconds", "must be 10..3600");
        if (terms.MinBidders is < 1 or > MaxMinBidders) errors.Add("auction.minBidders", $"must be 1..{MaxMinBidders}");

        // The auction's start plays the role of the listing deadline: applications and deposits close before it.
        var startsAt = command.BiddingStartsAt;
        var applicationDeadline = command.ApplicationDeadline ?? startsAt.AddDays(-context.Settings.ApplicationDeadlineDaysBeforeEnd);
        var depositDeadline = command.DepositDeadline ?? applicationDeadline;
        if (startsAt <= context.Now) errors.Add("biddingStartsAt", "must be in the future");
        if (applicationDeadline <= context.AnnouncedAt || applicationDeadline > startsAt)
            errors.Add("applicationDeadline", "must be after announcedAt and no later than biddingStartsAt (the auction starts with the bidders qualified by then)");
        if (depositDeadline < applicationDeadline || depositDeadline > startsAt)
            errors.Add("depositDeadline", "must be between applicationDeadline and biddingStartsAt");
        return new BiddingWindow(null, applicationDeadline, depositDeadline);
    }

    public Rejection? CheckPeriod(PublishListing command, BiddingWindow window, PublicationContext context) => null;

    public ListingDefinition Complete(ListingDefinition definition, PublishListing command) =>
        definition with { Auction = command.Auction ?? AuctionTerms.Default, TimedBidding = TimedBiddingTerms.None };

    /// <summary>DOMAIN §7.3 A (Xiamen): auctions may be capped, online or on site (the cap quote may be a paddle in the hall).</summary>
    public bool TakesPriceCap => true;

    /// <summary>
    /// At the start: too few qualified bidders fail the auction (R-AUC-08), else bidding opens — online with the first
    /// countdown running from the start, on site with no deadline (the hammer ends it). Online, the expiry of a countdown
    /// is the fall of the hammer.
    /// </summary>
    public ListingEvent? DueTransition(ListingState s, DateTimeOffset due)
    {
        var terms = s.Definition!.Auction!;
        return s.Stage switch
        {
            ListingStage.Announced when s.QualifiedBidders.Count < terms.MinBidders =>
                Bidding.Close(CloseDecision.Failed(FailureReason.TooFewBidders), due, DealMethodOf(terms)),
            ListingStage.Announced => new BiddingOpened(due, terms.Mode == AuctionMode.Online ? due.AddSeconds(terms.CountdownSeconds) : null, BidPhase.Auction),
            ListingStage.Open => Hammered(s, due),
            _ => null,
        };
    }

    public BidDecision Bid(ListingState s, PlaceBid command, DateTimeOffset now)
    {
        var terms = s.Definition!.Auction!;
        if (terms.Mode == AuctionMode.OnSite)
            return BidDecision.Reject(new Rejection(RejectionCodes.WrongChannel, "This auction is held on site: bids are raised in the hall and recorded by the auctioneer.", ServerTime: now));
        if (Bidding.PastDeadline(s, now) is { } late) return BidDecision.Reject(late);
        if (Bidding.NotQualified(s, command.BidderId, now, out var bidder) is { } stranger) return BidDecision.Reject(stranger);
        if (Bidding.PriceProblem(s, command.Amount, now) is { } low) return BidDecision.Reject(low);
        // R-AUC-05: every accepted bid restarts the countdown from its own server time.
        return Bidding.Accept(s, new BidAccepted(bidder!.BidderNo, command.BidderId, command.Amount, BidPhase.Auction,
            now.AddSeconds(terms.CountdownSeconds), command.RequestId), now);
    }

    public BidDecision FloorBid(ListingState s, CentreActor auctioneer, FloorBid command, DateTimeOffset now)
    {
        if (s.Definition!.Auction!.Mode != AuctionMode.OnSite)
            return BidDecision.Reject(new Rejection(RejectionCodes.WrongChannel, "This auction is held online: bidders bid from their own clients, not through the auctioneer.", ServerTime: now));
        if (s.FloorBidByRequest(command.RequestId) is { } earlier)
            return earlier.Fact.BidderNo == command.BidderNo && earlier.Fact.Amount == command.Amount
                ? new BidDecision(null, null, earlier)
                : BidDecision.Reject(new Rejection(RejectionCodes.IdempotencyMismatch, $"Request {command.RequestId} already recorded a bid of {earlier.Fact.Amount} by {earlier.Fact.BidderNo}."));
        if (Refusal(s, now) is { } closed) return BidDecision.Reject(closed);
        if (s.QualifiedBidders.FirstOrDefault(b => b.BidderNo == command.BidderNo) is not { } bidder)
            return BidDecision.Reject(new Rejection(RejectionCodes.UnknownBidderNo, $"No qualified bidder holds number {command.BidderNo} in this auction.",
                Errors: new Dictionary<string, string[]> { ["bidderNo"] = [$"{command.BidderNo} is not the number of a qualified bidder of this auction"] }));
        if (Bidding.PriceProblem(s, command.Amount, now) is { } low) return BidDecision.Reject(low);
        return Bidding.Accept(s, new BidAccepted(bidder.BidderNo, bidder.BidderId, command.Amount, BidPhase.Auction, null, command.RequestId,
            BidChannel.Floor, RecordedBy: auctioneer.UserId), now);
    }

    public (ListingClosed? Closed, Rejection? Rejection) Hammer(ListingState s, DateTimeOffset now)
    {
        if (s.Definition!.Auction!.Mode != AuctionMode.OnSite)
            return (null, new Rejection(RejectionCodes.WrongChannel, "This auction is held online: its countdown, not an auctioneer, ends it.", ServerTime: now));
        if (s.IsEnded) return (null, new Rejection(RejectionCodes.InvalidTransition, $"The hammer has already fallen: the auction is {s.StatusName}.", ServerTime: now));
        if (Refusal(s, now) is { } refused) return (null, refused);
        return (Hammered(s, now), null);
    }

    /// <summary>R-FRZ-03 (by analogy with Fujian F-rules): the countdown restarts in full; a start that passed while suspended moves to now.</summary>
    public ListingResumed Resume(ListingState s, string resumedBy, DateTimeOffset now)
    {
        var terms = s.Definition!.Auction!;
        var suspendedFor = now - s.SuspendedAt!.Value;
        return s.Stage == ListingStage.Announced
            ? new ListingResumed(resumedBy, ListingStage.Announced, Max(s.Definition.BiddingStartsAt, now), null, suspendedFor)
            : new ListingResumed(resumedBy, s.Stage, terms.Mode == AuctionMode.Online ? now.AddSeconds(terms.CountdownSeconds) : null, null, suspendedFor);
    }

    /// <summary>R-COM-08, R-AUC-03: the reserve is fixed before the auction starts (the host must say whether there is one).</summary>
    public DateTimeOffset ReserveDueBy(ListingState s, ListingRuleSettings settings) =>
        s.Definition!.BiddingStartsAt.AddMinutes(-settings.ReserveDeadlineMinutes);

    public decimal? MinNextBid(ListingState s) =>
        s.Stage == ListingStage.Open && !s.IsSuspended ? Bidding.MinNextBid(s) : null;

    public DateTimeOffset? CountdownDeadline(ListingState s) =>
        s.Stage == ListingStage.Open && !s.IsSuspended && s.Definition!.Auction!.Mode == AuctionMode.Online ? s.Deadline : null;

    /// <summary>
    /// An auction has no listing or timed phase; online, bids come from bidders' clients and each restarts the countdown;
    /// on site, they come from the floor (recorded by an auctioneer) and there is no countdown.
    /// </summary>
    public string? Invariant(ListingState s, JournalEntry entry, ListingEvent evt)
    {
        var terms = s.Definition!.Auction!;
        return evt switch
        {
            PreparationStarted or TimedBiddingStarted => "an auction has no preparation or timed bidding",
            BiddingOpened { Phase: not BidPhase.Auction } o => $"an auction opens a {o.Phase} phase",
            BidAccepted { Channel: BidChannel.Floor } when terms.Mode != AuctionMode.OnSite => "an online auction takes no floor bids",
            BidAccepted { Channel: BidChannel.Online } when terms.Mode == AuctionMode.OnSite => "an on-site auction takes bids from the floor only",
            BidAccepted { Channel: BidChannel.Floor, RecordedBy: null } => "a floor bid names no auctioneer",
            BidAccepted b when terms.Mode == AuctionMode.Online && b.Deadline != entry.At.AddSeconds(terms.CountdownSeconds)
                => $"the countdown after a bid at {entry.At:O} must end at {entry.At.AddSeconds(terms.CountdownSeconds):O}, not {b.Deadline:O} (R-AUC-05)",
            ListingClosed { Reason: FailureReason.TooFewBidders } when s.QualifiedBidders.Count >= terms.MinBidders
                => $"{s.QualifiedBidders.Count} qualified bidders are not too few for {terms.MinBidders}",
            _ => null,
        };
    }

    private static ListingClosed Hammered(ListingState s, DateTimeOffset at) =>
        Bidding.Close(ClosingRules.Decide(s.QualifiedBidders.Count, s.BidFacts, s.Reserve, s.Definition!.Floor), at, DealMethodOf(s.Definition.Auction!));

    private static DealMethod DealMethodOf(AuctionTerms terms) => terms.Mode == AuctionMode.OnSite ? DealMethod.OnSiteAuction : DealMethod.PriceOnly;

    /// <summary>What refuses a floor bid or the hammer whatever its content: not yet started, suspended, ended.</summary>
    private static Rejection? Refusal(ListingState s, DateTimeOffset now) =>
        s.IsEnded ? new Rejection(RejectionCodes.BiddingClosed, $"The auction has ended; it is {s.StatusName}.", ServerTime: now)
        : s.IsSuspended ? new Rejection(RejectionCodes.ListingSuspended, "The auction is suspended; nothing is recorded until it resumes.", ServerTime: now)
        : s.Stage == ListingStage.Announced ? new Rejection(RejectionCodes.ListingNotOpen, $"The auction starts at {s.Definition!.BiddingStartsAt:O}.", ServerTime: now)
        : null;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
