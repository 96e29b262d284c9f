using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Silo.Journal;
using Auction.TestSupport;
using static Auction.Rules.Tests.Caps.CapSale;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.Caps;

/// <summary>
/// The record verifier on capped sales: what every cap stage wrote verifies, on listings and auctions; a record rewritten
/// and rehashed (even with its head signed) that breaks a cap rule — a price bid after the cap, a cap quote without
/// <c>capReached</c>, a draw or an opening that does not follow from the facts, a sale to someone else — is reported at
/// the entry; the box stream must be there, intact, and seal the head the listing recorded.
/// </summary>
public sealed class CapRecordTests
{
    /// <summary>A capped sale of <paramref name="mode"/> run to its close with some stage activity.</summary>
    private static CapSale Closed(CapMode mode, GrantMethod method = GrantMethod.Auction)
    {
        var cap = mode switch { CapMode.Lottery => Lottery(), CapMode.HousingArea => HousingArea(), _ => OneTime() };
        var sale = Capped(method == GrantMethod.Auction ? CapSale.CappedAuction(cap) : CappedListing(cap), Start.AddMinutes(3));
        var at = Start.AddMinutes(4);
        switch (mode)
        {
            case CapMode.Lottery:
                sale.Join("bidder-a", at);
                sale.Join("bidder-c", at);
                break;
            case CapMode.HousingArea:
                sale.AreaBid("bidder-a", 1000m, at);
                sale.AreaBid("bidder-c", 1500m, at.AddSeconds(10));
                break;
            default:
                sale.Confirm("bidder-a", at);
                sale.Confirm("bidder-c", at);
                sale.CatchUp(sale.State.Deadline!.Value);
                sale.Quote("bidder-a", 16_000_000m, sale.State.Cap!.Quoting!.OpenedAt.AddSeconds(1));
                sale.Quote("bidder-c", 17_000_000m, sale.State.Cap.Quoting.OpenedAt.AddSeconds(2));
                break;
        }
        sale.CatchUp(method == GrantMethod.Listing ? End.AddDays(1) : Start.AddDays(1));
        Assert.Equal(ListingStatus.Sold, sale.State.Status);
        return sale;
    }

    [Theory]
    [InlineData(CapMode.Lottery, GrantMethod.Auction)]
    [InlineData(CapMode.Lottery, GrantMethod.Listing)]
    [InlineData(CapMode.HousingArea, GrantMethod.Auction)]
    [InlineData(CapMode.HousingArea, GrantMethod.Listing)]
    [InlineData(CapMode.OneTimeQuote, GrantMethod.Auction)]
    [InlineData(CapMode.OneTimeQuote, GrantMethod.Listing)]
    public void What_every_cap_stage_wrote_verifies(CapMode mode, GrantMethod method) => AssertValid(Closed(mode, method).Verify());

    public static TheoryData<string, CapMode, string, int> Violations => new()
    {
        // violation, mode, the entry type it is about, where the break is relative to the first entry of that type
        { "a price bid after the cap", CapMode.Lottery, "capReached", +1 },
        { "a cap quote without capReached", CapMode.Lottery, "capReached", 0 },
        { "a stage deadline moved", CapMode.HousingArea, "capReached", 0 },
        { "an area bid below the step", CapMode.HousingArea, "areaBidAccepted", +1 },
        { "the area sale to the smaller area", CapMode.HousingArea, "closed", 0 },
        { "a lottery winner the draw does not give", CapMode.Lottery, "lotteryDrawn", 0 },
        { "a secret that does not open the commitment", CapMode.Lottery, "lotteryDrawn", 0 },
        { "an entrant left out of the draw", CapMode.Lottery, "lotteryDrawn", 0 },
        { "a one-time average changed", CapMode.OneTimeQuote, "oneTimeQuotesOpened", 0 },
        { "a one-time sale above the winning quote", CapMode.OneTimeQuote, "closed", 0 },
        { "a quote by a bidder who did not confirm", CapMode.OneTimeQuote, "oneTimeQuotesOpened", 0 },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void A_cap_rule_broken_and_rehashed_is_reported_at_its_entry(string violation, CapMode mode, string type, int offset)
    {
        var sale = Closed(mode);
        var e = sale.Log.Entries.ToList();
        var at = e.FindIndex(x => x.Type == type) + 1; // the seq of the first entry of that type
        IReadOnlyList<JournalEntry> forged = violation switch
        {
            "a price bid after the cap" => RecordTampering.Rechain([.. e[..at], e[at - 1] with { Type = "bidAccepted", Data = e.First(x => x.Type == "bidAccepted").Data.Replace("14500000", "15100000", StringComparison.Ordinal) }, .. e[at..]]),
            "a cap quote without capReached" => RecordTampering.Rechain(e.Where(x => x.Type != "capReached")),
            "a stage deadline moved" => RecordTampering.RewriteAndRehash(e, at, d => d.Replace(":07:00", ":09:00", StringComparison.Ordinal)),
            "an area bid below the step" => RecordTampering.RewriteAndRehash(e, at + 1, d => d.Replace("\"areaM2\":1500", "\"areaM2\":1200", StringComparison.Ordinal)),
            "the area sale to the smaller area" => RecordTampering.RewriteAndRehash(e, at, d => d.Replace("\"003\"", "\"001\"", StringComparison.Ordinal).Replace("\"areaM2\":1500", "\"areaM2\":1000", StringComparison.Ordinal)),
            "a lottery winner the draw does not give" => RecordTampering.RewriteAndRehash(e, at, d => SwapWinner(d, sale.State.Cap!.Drawn!.WinnerBidderNo)),
            "a secret that does not open the commitment" => RecordTampering.RewriteAndRehash(e, at, d => d.Replace(sale.State.Cap!.Drawn!.Secret, new string('0', 64), StringComparison.Ordinal)),
            "an entrant left out of the draw" => RecordTampering.RewriteAndRehash(e, at, d => d.Replace("\"001\",", "", StringComparison.Ordinal)),
            "a one-time average changed" => RecordTampering.RewriteAndRehash(e, at, d => d.Replace("\"average\":16500000", "\"average\":16400000", StringComparison.Ordinal)),
            "a one-time sale above the winning quote" => RecordTampering.RewriteAndRehash(e, at, d => d.Replace("\"price\":16000000", "\"price\":17000000", StringComparison.Ordinal)),
            "a quote by a bidder who did not confirm" => RecordTampering.RewriteAndRehash(e, at, d => d.Replace("\"bidderNo\":\"003\"", "\"bidderNo\":\"002\"", StringComparison.Ordinal)),
            _ => throw new ArgumentException(violation),
        };

        Assert.NotEqual(e.Select(x => x.Data), forged.Select(x => x.Data));
        var verdict = sale.Verify(forged);
        Assert.True(verdict is { Valid: false, Reason: VerifyReasons.InvariantViolated }, $"{violation}: {verdict}");
        Assert.Equal(at + offset, verdict.BrokenAtSeq);
    }

    public static TheoryData<string> BoxTamperings => new() { "missing", "an item removed", "an item added and rehashed", "an unopened box" };

    [Theory]
    [MemberData(nameof(BoxTamperings))]
    public void The_opened_box_must_be_in_the_record_intact_and_seal_the_head_the_listing_recorded(string tampering)
    {
        var sale = Closed(CapMode.OneTimeQuote);
        var box = sale.Box.Entries.ToList();
        IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> boxes = tampering switch
        {
            "missing" => new Dictionary<string, IReadOnlyList<JournalEntry>>(),
            "an item removed" => new Dictionary<string, IReadOnlyList<JournalEntry>> { [sale.Box.Name] = RecordTampering.Rechain([box[0], box[^1]]) },
            "an item added and rehashed" => new Dictionary<string, IReadOnlyList<JournalEntry>> { [sale.Box.Name] = RecordTampering.Rechain([box[0], box[0], .. box[1..]]) },
            _ => new Dictionary<string, IReadOnlyList<JournalEntry>> { [sale.Box.Name] = box, ["tenders"] = box },
        };

        var verdict = sale.Verify(boxes: boxes);

        Assert.True(verdict is { Valid: false, Reason: VerifyReasons.BoxMismatch }, $"{tampering}: {verdict}");
        Assert.StartsWith($"box/{Id}/", verdict.Stream);
    }

    private static string SwapWinner(string data, string winner)
    {
        var other = winner == "001" ? "003" : "001";
        return data.Replace($"\"winnerBidderNo\":\"{winner}\"", $"\"winnerBidderNo\":\"{other}\"", StringComparison.Ordinal);
    }
}
