using System.Text.Json.Serialization;
using Auction.Contracts.AfterSale;
using Auction.Silo.Journal;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Notices;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(NoticePosted), "noticePosted")]
public abstract record NoticeBoardEvent;

public sealed record NoticePosted(ResultNotice Notice) : NoticeBoardEvent;

/// <summary>
/// The public board of published result notices (R-COM-14, API.md <c>GET /api/notices</c>): an index kept from what
/// the listings post when their centre publishes. The listing's chain is the evidence; the board is for reading, and
/// never calls a listing.
/// </summary>
[GrainType("notice-board")]
public sealed class NoticeBoardGrain(ResilientJournal store, ILogger<NoticeBoardGrain> logger)
    : EventSourcedGrain<NoticeBoardEvent>(store, logger), INoticeBoardGrain
{
    public const string DefaultKey = "all";

    private readonly Dictionary<string, ResultNotice> _notices = new(StringComparer.Ordinal);

    protected override string StreamId => $"notices/{this.GetPrimaryKeyString()}";

    protected override void Apply(JournalEntry entry, NoticeBoardEvent evt)
    {
        if (evt is NoticePosted posted) _notices[posted.Notice.ListingId] = posted.Notice;
    }

    public async Task Post(ResultNotice notice)
    {
        // A repeated post (a retry, a repair) of the same notice changes nothing.
        if (notice.PublishedAt is not { } publishedAt || _notices.GetValueOrDefault(notice.ListingId) == notice) return;
        await Raise(publishedAt, new NoticePosted(notice));
    }

    public Task<IReadOnlyList<ResultNotice>> Find(string? centre, DateTimeOffset? from, DateTimeOffset? to, int limit)
    {
        IReadOnlyList<ResultNotice> found = _notices.Values
            .Where(n => (centre is null || n.Centre == centre) && (from is null || n.PublishedAt >= from) && (to is null || n.PublishedAt <= to))
            .OrderByDescending(n => n.PublishedAt).ThenBy(n => n.ListingId, StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 1000))
            .ToArray();
        return Task.FromResult(found);
    }
}
