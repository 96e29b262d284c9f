using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Sealing;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Tender;

/// <summary>
/// Tender (招标, DOMAIN §4; API.md v2 "Tender"). From <c>biddingStartsAt</c> qualified bidders seal one tender each in the
/// sale's tender box (R-TEN-02); nothing about them reaches the listing's journal, views or logs before the opening at
/// <c>biddingEndsAt</c> (R-TEN-03), which counts them (R-TEN-04), announces them with their validity, and awards a price
/// tender at once or hands a comprehensive one to the committee's sheets (R-TEN-05/06).
/// R-COM-04 (announcement lead) applies. R-LST-01 (10 working days of listing) does not: DOMAIN §4 sets no submission
/// period for tenders and R-TEN-01 names only R-COM-04, so the submission window is the centre's to announce.
/// </summary>
public sealed class TenderMethod : IGrantMethod, ISealedSubmissions, ITenderSubmissions, ICommitteeEvaluation
{
    /// <summary>The box tenders are sealed in (投标箱): stream <c>box/{listingId}/tenders</c>.</summary>
    public const string TenderBox = "tenders";

    public GrantMethod Method => GrantMethod.Tender;

    public string Box => TenderBox;

    /// <summary>A tender is awarded by its opening or its committee, never to a highest price bid (it takes none).</summary>
    public bool AwardsHighestBid => false;

    public BiddingWindow ResolveWindow(PublishListing command, PublicationContext context, FieldErrors errors)
    {
        if (command.Auction is not null) errors.Add("auction", "applies only to auctions (method 'auction')");
        if (command.TimedBidding is { Style: not TimedBiddingStyle.None }) errors.Add("timedBidding", "applies only to listings (method 'listing')");
        TenderPublication.Validate(command.Tender, errors);
        return BiddingWindows.EndingAt(command, context, errors, "a tender: it is the submission deadline and the opening (开标)");
    }

    public Rejection? CheckPeriod(PublishListing command, BiddingWindow window, PublicationContext context) => null;

    public ListingDefinition Complete(ListingDefinition definition, PublishListing command) =>
        definition with { Tender = TenderPublication.InForce(command.Tender), TimedBidding = TimedBiddingTerms.None };

    /// <summary>The box opens at its start; its opening (<see cref="OpeningDue"/>), not a deadline step, ends the submissions.</summary>
    public ListingEvent? DueTransition(ListingState s, DateTimeOffset due) =>
        s.Stage == ListingStage.Announced ? new BiddingOpened(due, s.BiddingEndsAt!.Value, BidPhase.Tender) : null;

    public BidDecision Bid(ListingState s, PlaceBid command, DateTimeOffset now) =>
        BidDecision.Reject(new Rejection(RejectionCodes.WrongChannel, "This is a tender: submit one sealed tender (POST …/tenders) instead of bids.", ServerTime: now));

    /// <summary>R-FRZ-03 as for listings: the submission deadline (the opening) moves by the suspended part of the period.</summary>
    public ListingResumed Resume(ListingState s, string resumedBy, DateTimeOffset now)
    {
        var endsAt = Bidding.EndsAfterSuspension(s, now);
        var suspendedFor = now - s.SuspendedAt!.Value;
        return s.Stage switch
        {
            ListingStage.Announced => new ListingResumed(resumedBy, ListingStage.Announced, s.Definition!.BiddingStartsAt, endsAt, suspendedFor),
            ListingStage.Open => new ListingResumed(resumedBy, ListingStage.Open, endsAt, endsAt, suspendedFor),
            _ => new ListingResumed(resumedBy, s.Stage, null, s.BiddingEndsAt, suspendedFor),
        };
    }

    /// <summary>R-COM-07/08: the 标底 is sealed no later than N minutes before the opening.</summary>
    public DateTimeOffset ReserveDueBy(ListingState s, ListingRuleSettings settings) =>
        s.BiddingEndsAt!.Value.AddMinutes(-settings.ReserveDeadlineMinutes);

    public decimal? MinNextBid(ListingState s) => null;

    public DateTimeOffset? CountdownDeadline(ListingState s) => null;

    public string? Invariant(ListingState s, JournalEntry entry, ListingEvent evt) => TenderInvariants.Check(s, entry, evt);

    public BoxOpening? OpeningDue(ListingState s, DateTimeOffset now) => TenderOpening.Due(s, TenderBox, now);

    public ListingEvent[] Opened(ListingState s, BoxOpening opening, OpenedBox box) => TenderOpening.Opened(s, opening, box);

    public TenderDecision Resubmitted(ListingState s, SubmitTender command, BoxReceipt existing) => TenderSubmission.Resubmitted(s, command, existing);

    public TenderDecision Submit(ListingState s, SubmitTender command, DateTimeOffset now) => TenderSubmission.Submit(s, TenderBox, command, now);

    public TenderReceipt Receipt(string listingId, BoxReceipt item) => TenderSubmission.Receipt(listingId, item);

    public SheetDecision RecordSheet(ListingState s, CentreActor recordedBy, EvaluationSheet sheet, DateTimeOffset now) =>
        EvaluationSheets.Record(s, recordedBy, sheet, now);
}
