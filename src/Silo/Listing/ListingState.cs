using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Methods;
using Auction.Silo.Methods.Tender;
using Auction.Silo.Rules;

namespace Auction.Silo.Listing;

/// <summary>
/// A bid as the state keeps it: its facts plus who placed it, under which request, through which channel (a floor bid's
/// request is the auctioneer's), the stage deadline after it, and its entry's chain hash.
/// </summary>
public sealed record RecordedBid(long Seq, BidFact Fact, string BidderId, string RequestId, DateTimeOffset? Deadline, string Hash, BidChannel Channel = BidChannel.Online);

/// <summary>
/// A sale as a fold over its journal (ARCHITECTURE §3), whatever its method: what is known depends on the events, not on
/// the method (the method's decider reads it). Only <see cref="Apply"/> changes it, and only with events the store has
/// confirmed. Once the price cap is reached, <see cref="Cap"/> folds the cap stage. Pure: no Orleans, no clock.
/// </summary>
public sealed class ListingState
{
    private readonly Dictionary<string, BidderQualified> _qualifiedByBidder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BidderQualified> _qualifiedByApplication = new(StringComparer.Ordinal);
    private readonly Dictionary<(string BidderId, string RequestId), RecordedBid> _bidsByRequest = [];
    private readonly Dictionary<string, RecordedBid> _floorBidsByRequest = new(StringComparer.Ordinal);
    private readonly List<Suspension> _suspensions = [];
    private readonly HashSet<string> _listingQuoters = new(StringComparer.Ordinal);
    private readonly List<RecordedBid> _bids = [];
    private readonly List<BidFact> _bidFacts = [];
    private readonly List<BoxOpeningClaim> _openedBoxes = [];

    public ListingDefinition? Definition { get; private set; }
    public string? PublishRequestId { get; private set; }
    public string? PublishFingerprint { get; private set; }
    /// <summary>The reserve's value when the folded event carried it opened (the grain always does; a verifier reading sealed data does not).</summary>
    public decimal? Reserve { get; private set; }

    public bool HasReserve { get; private set; }

    /// <summary>The reserve that came with the publication request, compared on its idempotent replay.</summary>
    public decimal? PublishedReserve { get; private set; }
    public ListingStage Stage { get; private set; }
    public bool IsSuspended { get; private set; }
    public DateTimeOffset? SuspendedAt { get; private set; }

    /// <summary>The suspensions that ended, oldest first (their time is not bidding time, R-FRZ-01/03).</summary>
    public IReadOnlyList<Suspension> Suspensions => _suspensions;

    /// <summary>When the current stage ends: bidding start, listing deadline, end of preparation, or the countdown (none on site).</summary>
    public DateTimeOffset? Deadline { get; private set; }

    /// <summary>The listing deadline, moved by suspensions (R-FRZ-03); none for an auction.</summary>
    public DateTimeOffset? BiddingEndsAt { get; private set; }

    /// <summary>The phase of bids while bidding is open (listing or auction), as the opening recorded it.</summary>
    public BidPhase OpenPhase { get; private set; } = BidPhase.Listing;

    /// <summary>R-AUC-07: the increment the centre set for the current stage, until the stage changes.</summary>
    public decimal? IncrementOverride { get; private set; }

    public decimal? TimedStartPrice { get; private set; }

    /// <summary>The cap stage, from the cap quote on (DOMAIN §7); null while the cap is not reached or the sale has none.</summary>
    public CapStageState? Cap { get; private set; }

    /// <summary>The lottery's secret (64 hex) when the folded publication carried it opened (the grain's does; a verifier's does not).</summary>
    public string? LotterySecret { get; private set; }

    public ListingClosed? Closing { get; private set; }
    public ListingTerminated? Termination { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public long EndedSeq { get; private set; }

    /// <summary>When the owning centre published the result notice (R-COM-14); null while it is a draft.</summary>
    public DateTimeOffset? NoticePublishedAt { get; private set; }
    public long Seq { get; private set; }

    public bool IsPublished => Definition is not null;
    public bool IsEnded => Stage is ListingStage.Closed or ListingStage.Terminated;
    public bool IsCapped => Stage == ListingStage.Capped;

    public IReadOnlyList<RecordedBid> Bids => _bids;
    public IReadOnlyList<BidFact> BidFacts => _bidFacts;
    public IReadOnlyCollection<BidderQualified> QualifiedBidders => _qualifiedByApplication.Values;
    public RecordedBid? Highest => _bids.Count == 0 ? null : _bids[^1];

    /// <summary>The sealed boxes the sale has opened, as its events claim them (what the record verifier checks each box against).</summary>
    public IReadOnlyList<BoxOpeningClaim> OpenedBoxes => _openedBoxes;

    /// <summary>A tender's opened tenders, sheets and ranking (empty for other methods, and before the opening).</summary>
    public TenderFold Tenders { get; } = new();

    public BidderQualified? QualifiedBidder(string bidderId) => _qualifiedByBidder.GetValueOrDefault(bidderId);

    public BidderQualified? QualifiedApplication(string applicationId) => _qualifiedByApplication.GetValueOrDefault(applicationId);

    public RecordedBid? BidByRequest(string bidderId, string requestId) => _bidsByRequest.GetValueOrDefault((bidderId, requestId));

    /// <summary>A paddle bid recorded under the auctioneer's request id.</summary>
    public RecordedBid? FloorBidByRequest(string requestId) => _floorBidsByRequest.GetValueOrDefault(requestId);

    public bool QuotedDuringListing(string bidderId) => _listingQuoters.Contains(bidderId);

    public BidPhase? CurrentPhase => Stage switch
    {
        ListingStage.Open => OpenPhase,
        ListingStage.Preparation or ListingStage.Timed => BidPhase.Timed,
        _ => null,
    };

    /// <summary>The increment of the current stage (R-BID-04), or the one the centre set for it (R-AUC-07).</summary>
    public decimal CurrentIncrement => IncrementOverride ?? (Stage is ListingStage.Preparation or ListingStage.Timed ? Definition!.TimedIncrement : Definition!.Increment);

    /// <summary>The status as API.md spells it (camelCase), for messages.</summary>
    public string StatusName => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(Status.ToString());

    public ListingStatus Status => Stage switch
    {
        ListingStage.Closed => Closing!.Outcome == CloseOutcome.Sold ? ListingStatus.Sold : ListingStatus.Failed,
        ListingStage.Terminated => ListingStatus.Terminated,
        _ when IsSuspended => ListingStatus.Suspended,
        ListingStage.Announced => ListingStatus.Announced,
        ListingStage.Open => ListingStatus.Open,
        ListingStage.Preparation => ListingStatus.Preparation,
        ListingStage.Evaluating => ListingStatus.Evaluating,
        ListingStage.Capped => ListingStatus.Capped,
        _ => ListingStatus.TimedBidding,
    };

    public void Apply(JournalEntry entry, ListingEvent evt)
    {
        Seq = entry.Seq;
        if (evt is IRecordsBoxOpening opening) _openedBoxes.Add(opening.Claim());
        Tenders.Apply(entry, evt);
        switch (evt)
        {
            case ListingPublished e:
                Definition = e.Definition;
                PublishRequestId = e.RequestId;
                PublishFingerprint = e.Fingerprint;
                Stage = ListingStage.Announced;
                Deadline = e.Definition.BiddingStartsAt;
                BiddingEndsAt = e.Definition.BiddingEndsAt;
                LotterySecret = e.LotterySecret;
                break;
            case ReserveSealed e:
                Reserve = e.ReservePrice;
                HasReserve = true;
                if (e.AtPublication) PublishedReserve = e.ReservePrice;
                break;
            case BidderQualified e:
                _qualifiedByBidder[e.BidderId] = e;
                _qualifiedByApplication[e.ApplicationId] = e;
                break;
            case BiddingOpened e:
                Stage = ListingStage.Open;
                OpenPhase = e.Phase;
                Deadline = e.Deadline;
                break;
            case BidAccepted e:
                var bid = new RecordedBid(entry.Seq, new BidFact(e.BidderNo, e.Amount, entry.At, e.Phase), e.BidderId, e.RequestId, e.Deadline, entry.Hash, e.Channel);
                _bids.Add(bid);
                _bidFacts.Add(bid.Fact);
                if (e.Channel == BidChannel.Floor) _floorBidsByRequest[e.RequestId] = bid;
                else _bidsByRequest[(e.BidderId, e.RequestId)] = bid;
                if (e.Phase == BidPhase.Listing) _listingQuoters.Add(e.BidderId);
                Deadline = e.Deadline;
                break;
            case IncrementChanged e:
                IncrementOverride = e.Increment;
                break;
            case PreparationStarted e:
                Stage = ListingStage.Preparation;
                IncrementOverride = null;
                Deadline = e.Until;
                break;
            case TimedBiddingStarted e:
                Stage = ListingStage.Timed;
                IncrementOverride = null;
                TimedStartPrice = e.StartPrice;
                Deadline = e.Deadline;
                break;
            case ListingSuspended:
                IsSuspended = true;
                SuspendedAt = entry.At;
                break;
            case ListingResumed e:
                if (SuspendedAt is { } from) _suspensions.Add(new Suspension(from, entry.At));
                IsSuspended = false;
                SuspendedAt = null;
                Stage = e.Stage;
                Deadline = e.Deadline;
                BiddingEndsAt = e.BiddingEndsAt;
                break;
            case TendersOpened:
                // The award follows at once (price) or after the committee's sheets (comprehensive, R-TEN-05).
                Stage = ListingStage.Evaluating;
                Deadline = null;
                break;
            case ListingClosed e:
                Stage = ListingStage.Closed;
                Closing = e;
                Deadline = null;
                EndedAt = e.ClosedAt;
                EndedSeq = entry.Seq;
                break;
            case CapReached e:
                Stage = ListingStage.Capped;
                IncrementOverride = null;
                Deadline = e.Deadline;
                Cap = new CapStageState(entry, e);
                break;
            case CapStageEvent e:
                Cap?.Apply(entry, e);
                if (e is AreaBidAccepted { Deadline: var afterAreaBid }) Deadline = afterAreaBid;
                if (e is OneTimeQuotingOpened { Deadline: var quotingEnds }) Deadline = quotingEnds;
                break;
            case ResultNoticePublished:
                NoticePublishedAt = entry.At;
                break;
            case ListingTerminated e:
                Stage = ListingStage.Terminated;
                Termination = e;
                IsSuspended = false;
                Deadline = null;
                EndedAt = entry.At;
                EndedSeq = entry.Seq;
                break;
        }
    }
}
