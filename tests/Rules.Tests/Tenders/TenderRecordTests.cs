using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Methods.Tender;
using Auction.Silo.Records;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using Auction.TestSupport;

namespace Auction.Rules.Tests.Tenders;

/// <summary>
/// The record verifier on tenders: what the tender decider wrote verifies in every outcome, with the box's own chain; a
/// box whose stream was altered, shortened or left out is reported (boxMismatch or chainBroken in <c>box/…</c>), and so
/// is a tender invariant broken in the listing's stream even when the attacker rehashed it and signed its head.
/// </summary>
public sealed class TenderRecordTests
{
    private const string ListingId = "L-tender";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = T0.AddDays(3);
    private static readonly DateTimeOffset Opening = T0.AddDays(5);
    private static readonly CheckpointSigner Signer = CheckpointSigner.Generated();
    private static readonly ListingEngine Engine = new(
        new PublicationRules(new ListingRuleSettings { MinAnnouncementDays = 0 }, WorkingDayCalendar.China), new ListingRuleSettings());
    private static readonly CentreActor Centre = new("officer", "centre");
    private static readonly TenderTerms Comprehensive =
        new(TenderEvaluation.Comprehensive, 3, 5, 40m, [new("plan", "Development plan", 30m), new("industry", "Industry", 30m)]);

    public enum Outcome { TooFew, HighestPrice, NoneValid, Comprehensive }

    /// <summary>
    /// A tender published, four bidders qualified, three tenders (two for too few), opened and, if comprehensive, scored by
    /// five. Applications close 3 days before the opening and the deposit is 20 % of the start (R-LST-02, R-COM-09 defaults).
    /// </summary>
    private static RecordLog Tender(Outcome outcome)
    {
        var journal = new RecordLog(Engine);
        var terms = outcome == Outcome.Comprehensive ? Comprehensive : TenderTerms.Default;
        var command = new PublishListing("pub", "centre", "officer", new Parcel("P-1", "somewhere", "320585", LandUse.Commercial, 100m, 40, null, null, null),
            GrantMethod.Tender, T0, Start, Opening, T0.AddDays(2), T0.AddDays(2), 1000m, 10m, IncrementRule.AtLeastOneStep, 200m,
            outcome == Outcome.NoneValid ? 5000m : 1050m, TimedBiddingTerms.None, Tender: terms);
        journal.Record(T0, Engine.Publish(journal.State, ListingId, command, T0).Events);
        foreach (var bidder in new[] { "alpha", "beta", "gamma", "delta" })
            journal.Record(T0.AddMinutes(5), Engine.Qualify(journal.State, new QualifyBidder($"app-{bidder}", bidder, bidder, "1234567890123", 200m, T0.AddMinutes(5))).Event);
        var amounts = new[] { ("alpha", 1040m), ("beta", 1200m), ("gamma", 1100m) }.Take(outcome == Outcome.TooFew ? 2 : 3);
        var at = Start;
        foreach (var (bidder, amount) in amounts)
        {
            at = at.AddMinutes(10);
            Assert.Null(journal.Tender(new SubmitTender(bidder, amount, null, $"t-{bidder}"), at).Rejection);
        }
        journal.CatchUp(Opening.AddMinutes(1));
        if (outcome == Outcome.Comprehensive)
            foreach (var evaluator in new[] { "e1", "e2", "e3", "e4", "e5" })
            {
                var scores = new[] { ("002", 20m), ("003", 25m) }.SelectMany(t => new[] { new SheetScore(t.Item1, "plan", t.Item2), new SheetScore(t.Item1, "industry", t.Item2) }).ToArray();
                journal.Record(Opening.AddHours(1), Engine.RecordSheet(journal.State, Centre, new EvaluationSheet(new Evaluator(evaluator, $"Expert {evaluator}"), scores, $"s-{evaluator}"), Opening.AddHours(1)).Events);
            }
        Assert.True(journal.State.IsEnded, $"{outcome}: {journal.State.Status}");
        return journal;
    }

    private static ChainVerification Verify(IReadOnlyList<JournalEntry> listing, IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>>? boxes) =>
        RecordVerifier.Verify(new RecordEvidence(ListingId, listing, Signer.Sign(ListingId, listing.Count, listing[^1].Hash, listing[^1].At), Boxes: boxes), Signer.Keyring);

    private static IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> Boxes(IReadOnlyList<JournalEntry> box) =>
        new Dictionary<string, IReadOnlyList<JournalEntry>> { [TenderMethod.TenderBox] = box };

    [Theory]
    [InlineData(Outcome.TooFew, "tendersCounted,closed")]
    [InlineData(Outcome.HighestPrice, "tendersOpened,closed")]
    [InlineData(Outcome.NoneValid, "tendersOpened,closed")]
    [InlineData(Outcome.Comprehensive, "tendersOpened,evaluationSheetRecorded,evaluationSheetRecorded,evaluationSheetRecorded,evaluationSheetRecorded,evaluationSheetRecorded,evaluated,closed")]
    public void What_the_tender_decider_wrote_verifies_with_its_box(Outcome outcome, string tail)
    {
        var journal = Tender(outcome);
        Assert.Equal(tail.Split(','), journal.Entries.SkipWhile(e => e.Type != "biddingOpened").Skip(1).Select(e => e.Type));

        var verdict = Verify(journal.Entries, journal.BoxStreams);

        Assert.True(verdict.Valid, $"{verdict.Reason} at {verdict.BrokenAtSeq} in {verdict.Stream}: {verdict.Detail}");
        // Without the related streams (a grain's activation) the box is not asked for.
        Assert.True(Verify(journal.Entries, null).Valid);
    }

    public static TheoryData<string, string> BoxTampering => new()
    {
        { "an item altered in place", VerifyReasons.ChainBroken },
        { "an item removed and the box rehashed", VerifyReasons.BoxMismatch },
        { "an item's time moved and the box rehashed", VerifyReasons.BoxMismatch },
        { "an item added after the opening and rehashed", VerifyReasons.BoxMismatch },
        { "the box left out of the record", VerifyReasons.BoxMismatch },
    };

    [Theory]
    [MemberData(nameof(BoxTampering))]
    public void A_tampered_box_is_reported_against_the_opening_the_listing_recorded(string tampering, string reason)
    {
        var journal = Tender(Outcome.HighestPrice);
        var box = journal.BoxStreams[TenderMethod.TenderBox].ToArray();
        IReadOnlyList<JournalEntry> forged = tampering switch
        {
            "an item altered in place" => [.. box[..1], box[1] with { Data = box[2].Data }, .. box[2..]],
            "an item removed and the box rehashed" => RecordTampering.Rechain(box.Where(e => e.Seq != 2)),
            "an item's time moved and the box rehashed" => RecordTampering.Rechain(box.Select(e => e.Seq == 2 ? e with { At = e.At.AddSeconds(1) } : e)),
            "an item added after the opening and rehashed" => RecordTampering.Rechain([.. box, box[0] with { At = Opening.AddMinutes(5) }]),
            _ => [],
        };

        var verdict = Verify(journal.Entries, tampering == "the box left out of the record" ? Boxes([]) : Boxes(forged));

        Assert.True(verdict is { Valid: false }, tampering);
        Assert.Equal((reason, $"box/{ListingId}/tenders"), (verdict.Reason, verdict.Stream));
    }

    public static TheoryData<string, Outcome> Violations => new()
    {
        { "a commitment that does not recompute", Outcome.HighestPrice },
        { "a price tender sold to a lower tender", Outcome.HighestPrice },
        { "a valid tender below an invalid one", Outcome.NoneValid },
        { "too few tenderers when there were enough", Outcome.HighestPrice },
        { "a ranking the sheets do not give", Outcome.Comprehensive },
        { "a comprehensive tender sold to the second", Outcome.Comprehensive },
        { "a bid in a tender", Outcome.HighestPrice },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void A_tender_invariant_broken_and_rehashed_is_reported(string violation, Outcome outcome)
    {
        var journal = Tender(outcome);
        var e = journal.Entries.ToArray();
        var opened = e.Single(x => x.Type == "tendersOpened");
        var closed = e.Single(x => x.Type == "closed");
        var (forged, atSeq) = violation switch
        {
            "a commitment that does not recompute" => (Rewrite(e, opened.Seq, d => d.Replace("\"amount\":1100", "\"amount\":1101", StringComparison.Ordinal)), opened.Seq),
            "a price tender sold to a lower tender" => (Rewrite(e, closed.Seq, d => d.Replace("\"winnerBidderNo\":\"002\",\"price\":1200", "\"winnerBidderNo\":\"003\",\"price\":1100", StringComparison.Ordinal)), closed.Seq),
            "a valid tender below an invalid one" => (Rewrite(e, opened.Seq, d => ReplaceFirst(d, "\"valid\":false,\"invalidReason\":\"belowReserve\"", "\"valid\":true")), opened.Seq),
            "too few tenderers when there were enough" => (RecordTampering.Rechain([.. e[..opened.Index()], opened with { Type = "tendersCounted",
                Data = $"{{\"$type\":\"tendersCounted\",\"box\":\"tenders\",\"boxHeadHash\":\"{journal.State.OpenedBoxes[0].HeadHash}\",\"countedAt\":\"{Opening:O}\",\"count\":3}}" }]), opened.Seq),
            "a ranking the sheets do not give" => (Rewrite(e, e.Single(x => x.Type == "evaluated").Seq, d => d.Replace("\"total\":", "\"total\":1", StringComparison.Ordinal)), e.Single(x => x.Type == "evaluated").Seq),
            "a comprehensive tender sold to the second" => (Rewrite(e, closed.Seq, d => d.Replace("\"winnerBidderNo\":\"003\",\"price\":1100", "\"winnerBidderNo\":\"002\",\"price\":1200", StringComparison.Ordinal)), closed.Seq),
            "a bid in a tender" => (RecordTampering.Rechain([.. e[..opened.Index()], opened with { Type = "bidAccepted",
                Data = $"{{\"$type\":\"bidAccepted\",\"bidderNo\":\"001\",\"bidderId\":\"alpha\",\"amount\":1000,\"phase\":\"tender\",\"deadline\":\"{Opening:O}\",\"requestId\":\"b\"}}" }, .. e[opened.Index()..]]), opened.Seq),
            _ => throw new ArgumentException(violation),
        };
        Assert.Null(HashChain.FindBreak(forged));

        var verdict = Verify(forged, journal.BoxStreams);

        Assert.True(verdict is { Valid: false, Reason: VerifyReasons.InvariantViolated }, $"{violation}: {verdict}");
        Assert.Equal(atSeq, verdict.BrokenAtSeq);
    }

    private static JournalEntry[] Rewrite(IReadOnlyList<JournalEntry> entries, long seq, Func<string, string> change)
    {
        var forged = RecordTampering.RewriteAndRehash(entries, seq, change);
        Assert.NotEqual(entries[(int)seq - 1].Data, forged[seq - 1].Data);
        return forged;
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }
}

internal static class EntryIndex
{
    /// <summary>The 0-based position of an entry in its stream.</summary>
    public static int Index(this JournalEntry entry) => (int)entry.Seq - 1;
}
