using Auction.Contracts.AfterSale;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Rules.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Listing;

/// <summary>
/// After the sale through the listing grain: the result notice drafted at the end and published once by the owning
/// centre (recorded in the listing's own chain, R-COM-14, then posted to the public notice board: listing → board only),
/// and the confirmation for the centre and the winner (R-COM-12).
/// </summary>
public sealed partial class ListingGrain
{
    private WorkingDayCalendar Calendar => ServiceProvider.GetRequiredService<WorkingDayCalendar>();

    public Task<Outcome<ResultNotice>> PublishNotice(CentreActor actor) => Guarded(async now =>
    {
        var (published, rejection) = engine.PublishNotice(_state, actor, now);
        if (rejection is not null)
        {
            // A centre that publishes again after a lost answer also repairs a board that missed the first post.
            if (rejection.Code == RejectionCodes.NoticeAlreadyPublished) await PostNotice();
            return rejection;
        }
        await Record(now, published!);
        await PostNotice();
        return Outcome<ResultNotice>.Success(AfterSaleDocuments.Notice(ListingId, _state, Calendar)!);
    });

    public Task<Outcome<ResultNotice>> GetNotice() => Query(now =>
        AfterSaleDocuments.Notice(ListingId, _state, Calendar) is { } notice
            ? Outcome<ResultNotice>.Success(notice)
            : new Rejection(RejectionCodes.NotClosed, $"The result notice is drafted when the sale ends; the listing is {_state.StatusName}.", ServerTime: now));

    public Task<Outcome<SaleConfirmation>> GetConfirmation(ConfirmationReader reader) =>
        Query(now => AfterSaleDocuments.Confirmation(ListingId, _state, reader, Calendar, now));

    /// <summary>The journal is the truth; a board that missed the post is repaired by the centre's next publish.</summary>
    private async Task PostNotice()
    {
        try
        {
            await GrainFactory.GetGrain<INoticeBoardGrain>(Notices.NoticeBoardGrain.DefaultKey).Post(AfterSaleDocuments.Notice(ListingId, _state, Calendar)!);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Listing {Listing}: the notice board did not take the published notice", ListingId);
        }
    }
}
