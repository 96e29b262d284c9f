using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Listing;

/// <summary>
/// Listing (挂牌, DOMAIN §6): free quotes until the listing deadline (R-LST-01…07), then, by the published style, a
/// close by the listing rule, or the conversion to timed bidding (Jiangsu J1–J6) or to an online auction after a
/// preparation (Fujian F1–F9) whose countdown every bid restarts.
/// </summary>
public sealed class ListingMethod : IGrantMethod
{
    public GrantMethod Method => GrantMethod.Listing;

    public BiddingWindow ResolveWindow(PublishListing command, PublicationContext context, FieldErrors errors)
    {
        ValidateTimedBidding(command.TimedBidding, errors);
        if (command.Auction is not null) errors.Add("auction", "applies only to auctions (method 'auction')");
        if (command.Tender is not null) errors.Add("tender", "applies only to tenders (method 'tender')");
        // R-LST-02: applications close two days (a setting) before the listing ends unless the centre says otherwise.
        return BiddingWindows.EndingAt(command, context, errors, "a listing: it is the listing deadline");
    }

    /// <summary>R-LST-01: the listing period spans at least N working days on the official calendar.</summary>
    public Rejection? CheckPeriod(PublishListing command, BiddingWindow window, PublicationContext context) =>
        PublicationRules.RequireWorkingDays(context.Calendar, command.BiddingStartsAt, window.EndsAt!.Value,
            context.Settings.MinListingWorkingDays, "R-LST-01", "The listing period");

    public ListingDefinition Complete(ListingDefinition definition, PublishListing command) => definition;

    /// <summary>DOMAIN §7: listings may be capped (the 2021 centralised residential sales were mostly listings).</summary>
    public bool TakesPriceCap => true;

    /// <summary>
    /// Bidding opens at its start; at the listing deadline the listing closes or converts (§6.6); preparation ends;
    /// a timed countdown expires.
    /// </summary>
    public ListingEvent? DueTransition(ListingState s, DateTimeOffset due)
    {
        var listing = s.Definition!;
        return s.Stage switch
        {
            ListingStage.Announced => new BiddingOpened(due, s.BiddingEndsAt!.Value),
            ListingStage.Open => ClosingRules.AtListingDeadline(listing, due, s.QualifiedBidders.Count, s.BidFacts, s.Reserve, s.Suspensions) switch
            {
                DeadlineStep.Prepare p => new PreparationStarted(due, p.Until),
                DeadlineStep.StartTimed t => new TimedBiddingStarted(due, t.StartPrice, t.Deadline),
                DeadlineStep.Close c => Bidding.Close(c.Decision, due, DealMethod.PriceOnly),
                _ => throw new InvalidOperationException("unknown deadline step"),
            },
            ListingStage.Preparation => ClosingRules.AfterPreparation(listing, due, s.Highest!.Fact.Amount) is var t
                ? new TimedBiddingStarted(due, t.StartPrice, t.Deadline) : null,
            ListingStage.Timed => Bidding.Close(ClosingRules.Decide(s.QualifiedBidders.Count, s.BidFacts, s.Reserve, listing.Floor), due, DealMethod.PriceOnly),
            _ => null,
        };
    }

    /// <summary>R-BID-01…08, J5, J6, R-CONV-3: the bid is judged at its server time against the stage it falls in.</summary>
    public BidDecision Bid(ListingState s, PlaceBid command, DateTimeOffset now)
    {
        var listing = s.Definition!;
        if (s.Stage == ListingStage.Preparation)
            return BidDecision.Reject(new Rejection(RejectionCodes.ListingNotOpen, $"Preparation for timed bidding until {s.Deadline:O} (F3); no bids until then.", ServerTime: now));
        if (Bidding.PastDeadline(s, now) is { } late) return BidDecision.Reject(late);
        if (s.Stage == ListingStage.Open && listing.TimedBidding.NoQuoteWindowSeconds > 0
            && now >= s.BiddingEndsAt!.Value.AddSeconds(-listing.TimedBidding.NoQuoteWindowSeconds))
            return BidDecision.Reject(new Rejection(RejectionCodes.NoQuoteWindow,
                $"Listing quotes stopped {listing.TimedBidding.NoQuoteWindowSeconds / 60} minutes before the listing deadline (J5, 挂牌截止期1个小时，不接受报价); timed bidding follows at {s.BiddingEndsAt:O}.", ServerTime: now));
        if (Bidding.NotQualified(s, command.BidderId, now, out var bidder) is { } stranger) return BidDecision.Reject(stranger);
        if (s.Stage == ListingStage.Timed && !listing.TimedBidding.OpenToNonQuoters && !s.QuotedDuringListing(command.BidderId))
            return BidDecision.Reject(new Rejection(RejectionCodes.NotQualified, "Timed bidding is open only to bidders who quoted during the listing (J6).", ServerTime: now));
        if (Bidding.PriceProblem(s, command.Amount, now) is { } low) return BidDecision.Reject(low);

        var phase = s.Stage == ListingStage.Timed ? BidPhase.Timed : BidPhase.Listing;
        var deadline = phase == BidPhase.Timed ? ClosingRules.TimedDeadlineAfterBid(listing, now) : s.Deadline!.Value;
        return Bidding.Accept(s, new BidAccepted(bidder!.BidderNo, command.BidderId, command.Amount, phase, deadline, command.RequestId), now);
    }

    /// <summary>
    /// R-FRZ-03 and API.md: deadlines extend by the suspended time (only the part inside the bidding period moves the
    /// listing deadline); a Fujian preparation or online auction restarts with a fresh preparation, or a fresh countdown
    /// when no preparation is configured.
    /// </summary>
    public ListingResumed Resume(ListingState s, string resumedBy, DateTimeOffset now)
    {
        var listing = s.Definition!;
        var suspendedFor = now - s.SuspendedAt!.Value;
        var endsAt = Bidding.EndsAfterSuspension(s, now);
        var terms = listing.TimedBidding;
        return (s.Stage, terms.Style) switch
        {
            (ListingStage.Announced, _) => new ListingResumed(resumedBy, ListingStage.Announced, listing.BiddingStartsAt, endsAt, suspendedFor),
            (ListingStage.Open, _) => new ListingResumed(resumedBy, ListingStage.Open, endsAt, endsAt, suspendedFor),
            // R-FRZ-03 (Fujian): a freeze in preparation or the online auction restarts the preparation, then a fresh
            // countdown; with no preparation configured, the fresh countdown starts at once.
            (_, TimedBiddingStyle.Fujian) when terms.PreparationSeconds > 0 =>
                new ListingResumed(resumedBy, ListingStage.Preparation, now.AddSeconds(terms.PreparationSeconds), s.BiddingEndsAt, suspendedFor),
            (_, TimedBiddingStyle.Fujian) =>
                new ListingResumed(resumedBy, ListingStage.Timed, now.AddSeconds(terms.CountdownSeconds), s.BiddingEndsAt, suspendedFor),
            _ => new ListingResumed(resumedBy, s.Stage, s.Deadline!.Value + suspendedFor, s.BiddingEndsAt, suspendedFor),
        };
    }

    /// <summary>R-COM-08 (Fujian): no later than N minutes before the listing deadline.</summary>
    public DateTimeOffset ReserveDueBy(ListingState s, ListingRuleSettings settings) =>
        s.BiddingEndsAt!.Value.AddMinutes(-settings.ReserveDeadlineMinutes);

    public decimal? MinNextBid(ListingState s) =>
        s.Stage is ListingStage.Open or ListingStage.Timed && !s.IsSuspended ? Bidding.MinNextBid(s) : null;

    public DateTimeOffset? CountdownDeadline(ListingState s) =>
        s.Stage == ListingStage.Timed && !s.IsSuspended ? s.Deadline : null;

    /// <summary>Listings take their own clients' bids only, in the listing and timed phases.</summary>
    public string? Invariant(ListingState s, JournalEntry entry, ListingEvent evt) => evt switch
    {
        BidAccepted { Channel: not BidChannel.Online } => "a listing takes no floor bids",
        BiddingOpened { Phase: not BidPhase.Listing } o => $"a listing opens a {o.Phase} phase",
        ListingClosed { Reason: FailureReason.TooFewBidders } => "too few bidders fails only an auction",
        _ => null,
    };

    private static void ValidateTimedBidding(TimedBiddingTerms? terms, FieldErrors errors)
    {
        if (terms is null)
        {
            errors.Add("timedBidding", "is required");
            return;
        }
        if (terms.Style == TimedBiddingStyle.None) return;
        if (terms.CountdownSeconds is < 10 or > 3600) errors.Add("timedBidding.countdownSeconds", "must be 10..3600");
        if (terms.PreparationSeconds is < 0 or > 86_400) errors.Add("timedBidding.preparationSeconds", "must be 0..86400");
        if (terms.Style == TimedBiddingStyle.Jiangsu && terms.PreparationSeconds != 0)
            errors.Add("timedBidding.preparationSeconds", "must be 0 for the jiangsu style (timed bidding starts at the deadline, J1)");
        if (terms.ConversionWindowSeconds is < 0 or > 86_400) errors.Add("timedBidding.conversionWindowSeconds", "must be 0..86400");
        if (terms.Style == TimedBiddingStyle.Fujian && terms.ConversionWindowSeconds <= 0)
            errors.Add("timedBidding.conversionWindowSeconds", "must be positive for the fujian style (F1: the last hour)");
        if (terms.Increment is { } increment) errors.RequireMoney("timedBidding.increment", increment);
        if (terms.NoQuoteWindowSeconds < 0 || terms.NoQuoteWindowSeconds > 86_400) errors.Add("timedBidding.noQuoteWindowSeconds", "must be 0..86400");
    }
}
