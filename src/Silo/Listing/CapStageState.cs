using Auction.Contracts.Listings;
using Auction.Silo.Journal;

namespace Auction.Silo.Listing;

/// <summary>An area bid as the state keeps it: who, how much, when, the deadline after it, its request and chain hash.</summary>
public sealed record RecordedAreaBid(long Seq, string BidderNo, string BidderId, decimal AreaM2, DateTimeOffset At, DateTimeOffset Deadline, string RequestId, string Hash);

/// <summary>A lottery entry or a one-time confirmation as the state keeps it.</summary>
public sealed record RecordedEntry(long Seq, string BidderNo, string BidderId, DateTimeOffset At, string RequestId, string Hash);

/// <summary>
/// The cap stage of a sale as a fold over its events from <see cref="CapReached"/> on (part of <see cref="ListingState"/>):
/// the cap quote, the area bids (mode A), who joined the lottery or confirmed the one-time quote (C, B), whether quoting
/// opened, and the draw or the opening. Pure, like the state it belongs to; the stage's decider reads it.
/// </summary>
public sealed class CapStageState(JournalEntry reachedEntry, CapReached reached)
{
    private readonly List<RecordedAreaBid> _areaBids = [];
    private readonly Dictionary<(string BidderId, string RequestId), RecordedAreaBid> _areaBidsByRequest = [];
    private readonly Dictionary<string, RecordedEntry> _joined = new(StringComparer.Ordinal);

    /// <summary>The cap quote's facts: its bidder, the cap, the mode, the stage's first deadline.</summary>
    public CapReached Reached { get; } = reached;

    public CapMode Mode => Reached.Mode;

    /// <summary>The cap quote's server time.</summary>
    public DateTimeOffset ReachedAt { get; } = reachedEntry.At;

    public long ReachedSeq { get; } = reachedEntry.Seq;

    public IReadOnlyList<RecordedAreaBid> AreaBids => _areaBids;

    /// <summary>The largest area so far (area bids only rise, so the last one).</summary>
    public RecordedAreaBid? LeadingArea => _areaBids.Count == 0 ? null : _areaBids[^1];

    /// <summary>Bidders who joined the lottery or confirmed the one-time quote, by bidder number.</summary>
    public IReadOnlyCollection<RecordedEntry> Joined => _joined.Values;

    /// <summary>The one-time quote's quoting window, once the joining deadline has passed.</summary>
    public OneTimeQuotingOpened? Quoting { get; private set; }

    public LotteryDrawn? Drawn { get; private set; }

    public OneTimeQuotesOpened? QuotesOpened { get; private set; }

    public RecordedAreaBid? AreaBidByRequest(string bidderId, string requestId) => _areaBidsByRequest.GetValueOrDefault((bidderId, requestId));

    public RecordedEntry? JoinedBy(string bidderNo) => _joined.GetValueOrDefault(bidderNo);

    public void Apply(JournalEntry entry, ListingEvent evt)
    {
        switch (evt)
        {
            case AreaBidAccepted e:
                var bid = new RecordedAreaBid(entry.Seq, e.BidderNo, e.BidderId, e.AreaM2, entry.At, e.Deadline, e.RequestId, entry.Hash);
                _areaBids.Add(bid);
                _areaBidsByRequest[(e.BidderId, e.RequestId)] = bid;
                break;
            case LotteryJoined e:
                _joined[e.BidderNo] = new RecordedEntry(entry.Seq, e.BidderNo, e.BidderId, entry.At, e.RequestId, entry.Hash);
                break;
            case OneTimeConfirmed e:
                _joined[e.BidderNo] = new RecordedEntry(entry.Seq, e.BidderNo, e.BidderId, entry.At, e.RequestId, entry.Hash);
                break;
            case OneTimeQuotingOpened e:
                Quoting = e;
                break;
            case LotteryDrawn e:
                Drawn = e;
                break;
            case OneTimeQuotesOpened e:
                QuotesOpened = e;
                break;
        }
    }
}
