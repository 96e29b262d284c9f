using Auction.Contracts.Caps;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;

namespace Auction.Silo.Methods.Caps.Lottery;

/// <summary>
/// Mode C, a lottery among the bidders who accept the cap (摇号, DOMAIN §7.3 C; Wuxi, Jiaxing): the cap quote's bidder is
/// in the draw; every other qualified bidder may join until <c>joinDeadline</c> = max(cap quote + confirmSeconds, a
/// listing's <c>biddingEndsAt</c>); not joining is not taking part. At the deadline the draw of
/// <see cref="LotteryDraw"/> reveals the secret committed at publication and picks the winner, who buys at the cap.
/// </summary>
public sealed class LotteryStage : ICapStage, ILotteryEntries
{
    public CapMode Mode => CapMode.Lottery;

    public DealMethod DealMethod => DealMethod.CapThenLottery;

    public void Validate(PriceCapTerms cap, FieldErrors errors) =>
        PriceCapRules.RequireSeconds(errors, "priceCap.confirmSeconds", cap.ConfirmSeconds, PriceCapRules.MaxWindowSeconds);

    public PriceCapTerms Complete(PriceCapTerms cap) => cap with { ConfirmSeconds = cap.ConfirmSeconds ?? PriceCapTerms.DefaultConfirmSeconds };

    /// <summary>The commitment goes into the published terms; the secret itself only into the journal, sealed.</summary>
    public (PriceCapTerms Terms, string? Secret) Commit(PriceCapTerms cap, byte[]? secret)
    {
        if (secret is not { Length: LotteryDraw.SecretBytes })
            throw new ArgumentException($"a lottery commits to {LotteryDraw.SecretBytes} random bytes drawn by the grain", nameof(secret));
        return (cap with { LotteryCommitment = LotteryDraw.Commitment(secret) }, Convert.ToHexStringLower(secret));
    }

    public CapReached Reached(ListingState s, string bidderNo, decimal amount, DateTimeOffset at) =>
        new(Mode, bidderNo, amount, CapStageRules.NotBeforeListingEnd(s, at.AddSeconds(s.Definition!.PriceCap!.ConfirmSeconds ?? PriceCapTerms.DefaultConfirmSeconds)));

    /// <summary>At the joining deadline: the draw, then the sale to its winner at the cap (same instant).</summary>
    public ListingEvent? DueTransition(ListingState s, DateTimeOffset due) =>
        s.Cap!.Drawn is { } drawn ? Closing(s, drawn) : Draw(s, due);

    public BidDecision Bid(ListingState s, PlaceBid command, DateTimeOffset now) => CapStageRules.PriceBidRefused(s, now);

    public ListingResumed Resume(ListingState s, string resumedBy, DateTimeOffset now) => CapStageRules.Resume(s, resumedBy, now);

    public DateTimeOffset? CountdownDeadline(ListingState s) => null;

    public StageDecision<RecordedEntry> Join(ListingState s, JoinCapStage command, DateTimeOffset now)
    {
        var bidderNo = s.QualifiedBidder(command.BidderId)?.BidderNo;
        if (bidderNo is not null && s.Cap?.JoinedBy(bidderNo) is { } earlier && earlier.RequestId == command.RequestId)
            return StageDecision<RecordedEntry>.Replayed(earlier);
        if (CapStageRules.Refusal(s, now) is { } refused) return StageDecision<RecordedEntry>.Reject(refused);
        if (Bidding.NotQualified(s, command.BidderId, now, out var bidder) is { } stranger) return StageDecision<RecordedEntry>.Reject(stranger);
        if (IsEntrant(s, bidder!.BidderNo))
            return StageDecision<RecordedEntry>.Reject(new Rejection(RejectionCodes.AlreadyJoined,
                bidder.BidderNo == s.Cap!.Reached.BidderNo
                    ? $"Bidder {bidder.BidderNo} made the cap quote and is in the draw already."
                    : $"Bidder {bidder.BidderNo} joined the lottery already.", ServerTime: now));
        return StageDecision<RecordedEntry>.Accept(new LotteryJoined(bidder.BidderNo, command.BidderId, command.RequestId));
    }

    public LotteryView View(ListingState s)
    {
        var view = new LotteryView(s.Definition!.ListingId, s.Definition.PriceCap!.LotteryCommitment!, LotteryDraw.Algorithm);
        if (s.Cap?.Drawn is not { } drawn) return view;
        return view with
        {
            Entrants = drawn.Entrants,
            Secret = drawn.Secret,
            Message = LotteryDraw.Message(s.Definition.ListingId, drawn.Entrants),
            WinnerIndex = LotteryDraw.WinnerIndex(s.Definition.ListingId, drawn.Entrants, drawn.Secret),
            WinnerBidderNo = drawn.WinnerBidderNo,
            DrawnAt = drawn.DrawnAt,
        };
    }

    public string? Invariant(ListingState s, JournalEntry entry, ListingEvent evt) => evt switch
    {
        LotteryJoined j => CapStageRules.CommandInvariant(s, entry, j.BidderId, j.BidderNo)
            ?? (s.Cap!.Drawn is not null ? "an entry after the draw" : null)
            ?? (IsEntrant(s, j.BidderNo) ? $"bidder {j.BidderNo} enters the draw twice" : null),
        LotteryDrawn d => DrawInvariant(s, entry, d),
        ListingClosed when s.Cap!.Drawn is null => "the lottery sale closes without a draw",
        ListingClosed c => CapStageRules.DueInvariant(s, entry, c.ClosedAt) ?? CapStageRules.CloseInvariant(this, c, Closing(s, s.Cap!.Drawn!)),
        CapStageEvent other => $"{JournalJson.TypeName<ListingEvent>(other)} is not an event of a lottery",
        _ => null,
    };

    /// <summary>The entrants so far, as the draw orders them: the cap quote's bidder and everyone who joined.</summary>
    public static IReadOnlyList<string> Entrants(ListingState s) =>
        LotteryDraw.Sorted(s.Cap!.Joined.Select(e => e.BidderNo).Append(s.Cap.Reached.BidderNo));

    private static bool IsEntrant(ListingState s, string bidderNo) => bidderNo == s.Cap!.Reached.BidderNo || s.Cap.JoinedBy(bidderNo) is not null;

    private static LotteryDrawn Draw(ListingState s, DateTimeOffset at)
    {
        var secret = s.LotterySecret ?? throw new InvalidOperationException("the lottery's secret is not open here (a verifier cannot draw)");
        var entrants = Entrants(s);
        return new LotteryDrawn(entrants, secret, LotteryDraw.Winner(s.Definition!.ListingId, entrants, secret), at);
    }

    private ListingClosed Closing(ListingState s, LotteryDrawn drawn) => CapStageRules.Sold(this, drawn.WinnerBidderNo, CapStageRules.Cap(s), drawn.DrawnAt);

    /// <summary>The record proves the draw: the entrants, the secret against the published commitment, the winner it gives.</summary>
    private static string? DrawInvariant(ListingState s, JournalEntry entry, LotteryDrawn d)
    {
        if (s.Cap!.Drawn is not null) return "the lottery is drawn twice";
        if (CapStageRules.DueInvariant(s, entry, d.DrawnAt) is { } early) return early;
        var entrants = Entrants(s);
        if (!d.Entrants.SequenceEqual(entrants, StringComparer.Ordinal))
            return $"the draw lists entrants [{string.Join(",", d.Entrants)}], but [{string.Join(",", entrants)}] entered";
        if (!LotteryDraw.Opens(s.Definition!.PriceCap!.LotteryCommitment ?? "", d.Secret))
            return "the revealed secret does not open the commitment published with the listing";
        var winner = LotteryDraw.Winner(s.Definition.ListingId, entrants, d.Secret);
        return winner == d.WinnerBidderNo ? null : $"the draw gives {winner}, not {d.WinnerBidderNo}";
    }
}
