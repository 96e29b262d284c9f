using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;
using Auction.Silo.Methods.Tender;

namespace Auction.Silo.Methods;

/// <summary>
/// A method whose award an evaluation committee decides from scoring sheets (comprehensive tenders, R-TEN-05/06). The
/// engine checks ownership and the request id, then dispatches here.
/// </summary>
public interface ICommitteeEvaluation
{
    /// <summary>
    /// The events a sheet records (the sheet; with the last one also the ranking and the close), a rejection, or the
    /// earlier sheet of the same request.
    /// </summary>
    SheetDecision RecordSheet(ListingState s, CentreActor recordedBy, EvaluationSheet sheet, DateTimeOffset now);
}

public sealed record SheetDecision(ListingEvent[] Events, Rejection? Rejection, RecordedSheet? Replay)
{
    public static SheetDecision Reject(Rejection rejection) => new([], rejection, null);
}
