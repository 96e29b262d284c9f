using Auction.Contracts.AfterSale;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;

namespace Auction.Silo.Listing;

/// <summary>
/// The documents of a sale after its end, drafted from the state: the result notice (成交公示 / 流拍 notice, R-COM-14),
/// public, due 10 working days after the end; and the confirmation (成交确认书, R-COM-12), for the owning centre and the
/// winner only, with the contract due 10 working days after the deal (R-COM-13). Pure.
/// </summary>
public static class AfterSaleDocuments
{
    /// <summary>The notice, a draft until the centre publishes it; null while the sale runs.</summary>
    public static ResultNotice? Notice(string listingId, ListingState s, WorkingDayCalendar calendar)
    {
        if (ListingProjections.Result(s) is not { } result) return null;
        var d = s.Definition!;
        var due = AfterSaleDeadlines.Notice(calendar, result.ClosedAt);
        return new ResultNotice(listingId, d.CentreId, d.Parcel, d.Method, result.DealMethod, result.Outcome, result.Reason, result.WinnerName,
            result.WinnerBidderNo, result.Price, result.ClosedAt, s.NoticePublishedAt is null ? NoticeStatus.Draft : NoticeStatus.Published,
            due.DueBy, due.Problem, s.NoticePublishedAt);
    }

    /// <summary>The confirmation of a sold listing, for its centre and its winner; every other reader is refused.</summary>
    public static Outcome<SaleConfirmation> Confirmation(string listingId, ListingState s, ConfirmationReader reader, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        var d = s.Definition!;
        if (reader.CentreId is { } centre && centre != d.CentreId)
            return new Rejection(RejectionCodes.NotListingOwner, "Only the centre that published this listing (or its winner) may read the confirmation.");
        if (ListingProjections.Result(s) is not { } result)
            return new Rejection(RejectionCodes.NotClosed, $"The confirmation is issued when the sale ends; the listing is {s.StatusName}.", ServerTime: now);
        if (result.Outcome != CloseOutcome.Sold || result.WinnerBidderNo is not { } winnerNo || result.Price is not { } price)
            return new Rejection(RejectionCodes.NotSold, "The sale ended without a deal, so there is no confirmation (成交确认书); its result notice says why.", ServerTime: now);
        var winner = s.QualifiedBidders.Single(q => q.BidderNo == winnerNo);
        if (reader.CentreId is null && reader.BidderId != winner.BidderId)
            return new Rejection(RejectionCodes.NotWinner, "Only the winner (and the centre that published the listing) may read the confirmation.");
        var contract = AfterSaleDeadlines.Contract(calendar, result.ClosedAt);
        return Outcome<SaleConfirmation>.Success(new SaleConfirmation(listingId, d.CentreId, winner.BidderName, winner.BidderNo, d.Parcel, price,
            result.DealMethod, result.ClosedAt, contract.DueBy, contract.Problem, d.Method,
            result.DealMethod == DealMethod.OnSiteAuction ? DealVenue.OnSite : DealVenue.Online, d.Deposit));
    }
}
