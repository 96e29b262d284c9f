using Auction.Contracts.Caps;
using Auction.Contracts.Listings;

namespace Auction.Silo.Listing;

/// <summary>
/// What the cap stage shows the public (DOMAIN §7; API.md v2 "Price caps"): its events with bidder numbers only, and the
/// stage block of the listing view. Sealed values stay out until their opening: the lottery secret appears in
/// <c>lotteryDrawn</c> only, one-time quotes in <c>oneTimeQuotesOpened</c> only.
/// </summary>
public static class CapProjections
{
    /// <summary>The public projection of a cap event, or null when <paramref name="evt"/> is not one.</summary>
    public static PublicListingEvent? ToPublic(PublicListingEvent e, ListingEvent evt) => evt switch
    {
        CapReached c => e with { Mode = c.Mode, BidderNo = c.BidderNo, Amount = c.Amount, Deadline = c.Deadline },
        AreaBidAccepted a => e with { BidderNo = a.BidderNo, AreaM2 = a.AreaM2, Deadline = a.Deadline },
        LotteryJoined j => e with { BidderNo = j.BidderNo },
        OneTimeConfirmed c => e with { BidderNo = c.BidderNo },
        OneTimeQuotingOpened q => e with { Deadline = q.Deadline },
        LotteryDrawn d => e with { Entrants = d.Entrants, Secret = d.Secret, WinnerBidderNo = d.WinnerBidderNo },
        OneTimeQuotesOpened o => e with { Quotes = o.Quotes, Average = o.Average, WinnerBidderNo = o.WinnerBidderNo, BoxHeadHash = o.BoxHeadHash },
        _ => null,
    };

    /// <summary>The view's <c>capStage</c> block once the cap is reached (no counts of entrants or confirmations).</summary>
    public static CapStageView? View(ListingState s)
    {
        if (s.Cap is not { } cap) return null;
        var view = new CapStageView(cap.Mode, cap.ReachedAt, cap.Reached.BidderNo);
        return cap.Mode switch
        {
            CapMode.HousingArea => view with { AreaM2 = cap.LeadingArea?.AreaM2, AreaBidderNo = cap.LeadingArea?.BidderNo },
            CapMode.Lottery => view with { JoinDeadline = cap.Drawn?.DrawnAt ?? s.Deadline ?? cap.Reached.Deadline },
            _ => OneTimeQuote(s, cap, view),
        };
    }

    /// <summary>While confirming, the current deadline is the joining deadline; while quoting, the quoting deadline.</summary>
    private static CapStageView OneTimeQuote(ListingState s, CapStageState cap, CapStageView view)
    {
        var joinDeadline = cap.Quoting?.OpenedAt ?? s.Deadline ?? cap.Reached.Deadline;
        var quoteDeadline = cap.QuotesOpened?.OpenedAt
            ?? (cap.Quoting is { } quoting ? s.Deadline ?? quoting.Deadline : joinDeadline.AddSeconds(s.Definition!.PriceCap!.QuoteSeconds ?? PriceCapTerms.DefaultQuoteSeconds));
        return view with { JoinDeadline = joinDeadline, QuoteDeadline = quoteDeadline };
    }
}
