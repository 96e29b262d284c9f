using Auction.Silo.Journal;
using Auction.Silo.Listing;

namespace Auction.Silo.Methods.Tender;

/// <summary>A committee sheet as the state keeps it: the event and its entry's place in the chain.</summary>
public sealed record RecordedSheet(long Seq, string Hash, DateTimeOffset At, EvaluationSheetRecorded Sheet);

/// <summary>
/// The tender part of a sale's fold (<see cref="ListingState.Tenders"/>): the tenders as opened, the count of a box that
/// stayed sealed, the committee's sheets and the ranking. Nothing here exists before the opening: the sealed tenders
/// live in their box, never in the listing's journal.
/// </summary>
public sealed class TenderFold
{
    private readonly List<OpenedTender> _opened = [];
    private readonly List<RecordedSheet> _sheets = [];
    private readonly Dictionary<string, RecordedSheet> _sheetsByRequest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecordedSheet> _sheetsByEvaluator = new(StringComparer.Ordinal);

    /// <summary>Every tender the opening announced, in submission order; empty before the opening.</summary>
    public IReadOnlyList<OpenedTender> Opened => _opened;

    public IReadOnlyList<OpenedTender> Valid => _opened.Where(t => t.Valid).ToArray();

    /// <summary>How many tenders a box held that stayed sealed because they were too few (R-TEN-04), else null.</summary>
    public int? Counted { get; private set; }

    public IReadOnlyList<RecordedSheet> Sheets => _sheets;

    public IReadOnlyList<Contracts.Listings.RankingRow>? Ranking { get; private set; }

    public RecordedSheet? SheetByRequest(string requestId) => _sheetsByRequest.GetValueOrDefault(requestId);

    public RecordedSheet? SheetBy(string evaluatorId) => _sheetsByEvaluator.GetValueOrDefault(evaluatorId);

    public void Apply(JournalEntry entry, ListingEvent evt)
    {
        switch (evt)
        {
            case TendersOpened e:
                _opened.AddRange(e.Tenders);
                break;
            case TendersCounted e:
                Counted = e.Count;
                break;
            case EvaluationSheetRecorded e:
                var sheet = new RecordedSheet(entry.Seq, entry.Hash, entry.At, e);
                _sheets.Add(sheet);
                _sheetsByRequest[e.RequestId] = sheet;
                _sheetsByEvaluator[e.Evaluator.Id] = sheet;
                break;
            case TendersEvaluated e:
                Ranking = e.Ranking;
                break;
        }
    }
}
