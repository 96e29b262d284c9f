using System.Security.Cryptography;
using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Records;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using Auction.TestSupport;

namespace Auction.Rules.Tests.Records;

/// <summary>
/// The one verifier of records (issue 8 item 3), pure: a record the engine wrote verifies; a deleted tail, a
/// rewritten and rehashed history, a checkpoint signed by an unknown key or forged, and every broken listing
/// invariant are reported, even when the attacker rehashed the chain and the head was signed by the trusted key.
/// </summary>
public sealed class RecordVerifierTests
{
    private const string ListingId = "L-verify";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly CheckpointSigner Signer = CheckpointSigner.Generated();
    private static readonly ListingEngine Engine = TestListings.RelaxedEngine;

    /// <summary>Published (with a reserve), two bidders qualified, opened, three bids, sold at the deadline: 9 entries.</summary>
    private static IReadOnlyList<JournalEntry> SoldListing()
    {
        var journal = new RecordLog(Engine);
        var state = journal.State;
        void Record(DateTimeOffset at, params ListingEvent?[] events) => journal.Record(at, events);
        void CatchUp(DateTimeOffset now) => journal.CatchUp(now);

        var command = new PublishListing("pub", "centre", "officer", new Parcel("P-1", "somewhere", "320585", LandUse.Commercial, 100m, 40, null, null, null),
            GrantMethod.Listing, T0, T0.AddHours(1), T0.AddHours(3), T0.AddHours(2), T0.AddHours(2), 1000m, 10m, IncrementRule.AtLeastOneStep, 100m, 1050m, TimedBiddingTerms.None);
        Record(T0, Engine.Publish(state, ListingId, command, T0).Events);
        foreach (var bidder in new[] { "alpha", "beta" })
            Record(T0.AddMinutes(5), Engine.Qualify(state, new QualifyBidder($"app-{bidder}", bidder, bidder, "1234567890123", 100m, T0.AddMinutes(5))).Event);
        var at = T0.AddHours(1).AddMinutes(1);
        CatchUp(at);
        foreach (var (bidder, amount) in new[] { ("alpha", 1000m), ("beta", 1010m), ("alpha", 1100m) })
        {
            at = at.AddMinutes(1);
            Record(at, Engine.Bid(state, new PlaceBid(bidder, amount, $"r-{amount}"), at).Accepted);
        }
        CatchUp(T0.AddHours(4));
        Assert.Equal(["published", "reserveSealed", "bidderQualified", "bidderQualified", "biddingOpened", "bidAccepted", "bidAccepted", "bidAccepted", "closed"],
            journal.Entries.Select(e => e.Type));
        return journal.Entries;
    }

    private static SignedCheckpoint Head(IReadOnlyList<JournalEntry> entries, CheckpointSigner? signer = null) =>
        (signer ?? Signer).Sign(ListingId, entries.Count, entries[^1].Hash, entries[^1].At);

    private static ChainVerification Verify(IReadOnlyList<JournalEntry> entries, SignedCheckpoint? checkpoint) =>
        RecordVerifier.Verify(new RecordEvidence(ListingId, entries, checkpoint), Signer.Keyring);

    [Fact]
    public void A_record_the_engine_wrote_verifies_against_its_signed_head_and_an_unsigned_tail_is_still_valid()
    {
        var entries = SoldListing();
        var verdict = Verify(entries, Head(entries));
        Assert.Equal((true, 9L, entries[^1].Hash, (long?)9, (bool?)true, (string?)null), (verdict.Valid, verdict.Events, verdict.HeadHash, verdict.SignedSeq, verdict.SignatureValid, verdict.Reason));

        var signedEarlier = Verify(entries, Head(entries.Take(5).ToArray()));
        Assert.Equal((true, (long?)5), (signedEarlier.Valid, signedEarlier.SignedSeq));
    }

    [Fact]
    public void A_deleted_tail_is_shorter_than_the_signed_head()
    {
        var entries = SoldListing();
        var verdict = Verify(entries.Take(7).ToArray(), Head(entries));
        Assert.Equal((false, VerifyReasons.ShorterThanSignedHead, (long?)8, (long?)9), (verdict.Valid, verdict.Reason, verdict.BrokenAtSeq, verdict.SignedSeq));
    }

    [Fact]
    public void A_rewritten_and_rehashed_history_does_not_match_the_signed_head()
    {
        var entries = SoldListing();
        var forged = RecordTampering.RewriteAndRehash(entries, 3, data => data.Replace("alpha", "mallory", StringComparison.Ordinal));
        var verdict = Verify(forged, Head(entries));
        Assert.Equal((false, VerifyReasons.HeadMismatch, (bool?)true), (verdict.Valid, verdict.Reason, verdict.SignatureValid));
        Assert.Equal($"listing/{ListingId}", verdict.Stream);
    }

    [Fact]
    public void An_edited_entry_breaks_the_chain_at_its_seq()
    {
        var entries = SoldListing().ToArray();
        entries[6] = entries[6] with { Data = entries[6].Data.Replace("1010", "1011", StringComparison.Ordinal) };
        var verdict = Verify(entries, Head(entries));
        Assert.Equal((false, VerifyReasons.ChainBroken, (long?)7, (string?)null), (verdict.Valid, verdict.Reason, verdict.BrokenAtSeq, verdict.HeadHash));
    }

    [Fact]
    public void A_checkpoint_by_another_key_a_forged_key_id_or_of_another_listing_is_refused()
    {
        var entries = SoldListing();
        using var mallory = new CheckpointSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var unknown = Verify(entries, Head(entries, mallory));
        Assert.Equal((false, VerifyReasons.UnknownKey, (bool?)false), (unknown.Valid, unknown.Reason, unknown.SignatureValid));

        var forgedKeyId = Verify(entries, Head(entries, mallory) with { KeyId = Signer.KeyId });
        Assert.Equal((false, VerifyReasons.SignatureInvalid), (forgedKeyId.Valid, forgedKeyId.Reason));

        var otherListing = Verify(entries, Head(entries) with { ListingId = "L-other" });
        Assert.Equal((false, VerifyReasons.SignatureInvalid), (otherListing.Valid, otherListing.Reason));

        var moved = Verify(entries, Head(entries) with { SignedAt = "2027-01-01T00:00:00.000Z" });
        Assert.Equal((false, VerifyReasons.SignatureInvalid), (moved.Valid, moved.Reason));

        // A retired key still verifies what it signed.
        var rotated = new CheckpointSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256), [Signer.PublicKeyPem]);
        Assert.True(RecordVerifier.Verify(new RecordEvidence(ListingId, entries, Head(entries)), rotated.Keyring).Valid);
    }

    [Fact]
    public void Events_without_any_checkpoint_are_reported()
    {
        var verdict = Verify(SoldListing(), null);
        Assert.Equal((false, VerifyReasons.NoCheckpoint), (verdict.Valid, verdict.Reason));
        Assert.True(Verify([], null).Valid);
    }

    public static TheoryData<string, long> Violations => new()
    {
        { "lower bid inserted", 9 },
        { "bid after the close", 10 },
        { "bid before bidding opened", 5 },
        { "sold below the highest bid", 9 },
        { "bid by an unqualified number", 7 },
        { "opened twice", 6 },
        { "not published first", 1 },
        { "reserve sealed twice", 3 },
    };

    /// <summary>Each history is rehashed consistently and its head signed by the trusted key: only the invariants catch it.</summary>
    [Theory]
    [MemberData(nameof(Violations))]
    public void A_broken_listing_invariant_is_reported_even_when_rehashed_and_signed(string violation, long atSeq)
    {
        var e = SoldListing().ToList();
        var bids = e.Where(x => x.Type == "bidAccepted").ToArray();
        IReadOnlyList<JournalEntry> forged = violation switch
        {
            "lower bid inserted" => RecordTampering.InsertLowerBid(e, lowerBy: 50m),
            "bid after the close" => RecordTampering.Rechain([.. e, bids[^1] with { At = e[^1].At.AddMinutes(1) }]),
            "bid before bidding opened" => RecordTampering.Rechain([.. e[..4], bids[0], e[4], .. e[6..]]),
            "sold below the highest bid" => RecordTampering.RewriteAndRehash(e, 9, d => d.Replace("\"price\":1100", "\"price\":1010", StringComparison.Ordinal)),
            "bid by an unqualified number" => RecordTampering.RewriteAndRehash(e, 7, d => d.Replace("\"bidderNo\":\"002\"", "\"bidderNo\":\"007\"", StringComparison.Ordinal)),
            "opened twice" => RecordTampering.Rechain([.. e[..5], e[4], .. e[5..]]),
            "not published first" => RecordTampering.Rechain(e[1..]),
            "reserve sealed twice" => RecordTampering.Rechain([.. e[..2], e[1], .. e[2..]]),
            _ => throw new ArgumentException(violation),
        };
        Assert.Null(HashChain.FindBreak(forged));
        var verdict = Verify(forged, Head(forged));
        Assert.True(verdict is { Valid: false, Reason: VerifyReasons.InvariantViolated, SignatureValid: true }, $"{violation}: {verdict}");
        Assert.Equal(atSeq, verdict.BrokenAtSeq);
    }

    [Fact]
    public void R_COM_14_the_result_notice_may_follow_the_end_once_but_never_come_before_it()
    {
        var e = SoldListing().ToList();
        var notice = new JournalEntry(0, "noticePublished", e[^1].At.AddDays(1), JournalJson.Serialize<ListingEvent>(new ResultNoticePublished("officer")), "", "");
        IReadOnlyList<JournalEntry> published = RecordTampering.Rechain([.. e, notice]);
        Assert.True(Verify(published, Head(published)).Valid);

        IReadOnlyList<JournalEntry> twice = RecordTampering.Rechain([.. e, notice, notice]);
        Assert.Equal((VerifyReasons.InvariantViolated, (long?)11), (Verify(twice, Head(twice)).Reason, Verify(twice, Head(twice)).BrokenAtSeq));
        IReadOnlyList<JournalEntry> early = RecordTampering.Rechain([.. e[..8], notice with { At = e[7].At }, e[8]]);
        Assert.Equal((VerifyReasons.InvariantViolated, (long?)9), (Verify(early, Head(early)).Reason, Verify(early, Head(early)).BrokenAtSeq));
    }

    [Fact]
    public void An_entry_that_is_not_a_listing_event_is_reported_at_its_seq()
    {
        var forged = RecordTampering.RewriteAndRehash(SoldListing(), 6, _ => "{\"$type\":\"somethingElse\"}");
        var verdict = Verify(forged, Head(forged));
        Assert.Equal((false, VerifyReasons.UnreadableEvent, (long?)6), (verdict.Valid, verdict.Reason, verdict.BrokenAtSeq));
    }

    [Fact]
    public void The_signed_text_and_its_time_format_are_pinned_so_an_outsider_can_recompute_them()
    {
        var at = new DateTimeOffset(2026, 12, 1, 17, 30, 5, 123, TimeSpan.FromHours(8)).AddTicks(4567);
        var checkpoint = Signer.Sign("L0123456789abcdef", 42, new string('a', 64), at);
        Assert.Equal("2026-12-01T09:30:05.123Z", checkpoint.SignedAt);
        Assert.Equal($"L0123456789abcdef|42|{new string('a', 64)}|2026-12-01T09:30:05.123Z",
            CheckpointKeyring.Message(checkpoint.ListingId, checkpoint.Seq, checkpoint.HeadHash, checkpoint.SignedAt));
        Assert.Equal(64, Convert.FromBase64String(checkpoint.Signature).Length); // IEEE P1363: r ‖ s
        using var key = ECDsa.Create();
        key.ImportFromPem(Signer.PublicKeyPem);
        Assert.Equal(Signer.KeyId, Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16]);
        Assert.True(key.VerifyData(System.Text.Encoding.UTF8.GetBytes($"L0123456789abcdef|42|{new string('a', 64)}|2026-12-01T09:30:05.123Z"),
            Convert.FromBase64String(checkpoint.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        // Like every API time: no fraction on a whole second, trailing zeros trimmed.
        Assert.Equal("2026-12-01T09:30:05Z", CheckpointKeyring.FormatSignedAt(new DateTimeOffset(2026, 12, 1, 9, 30, 5, TimeSpan.Zero)));
        Assert.Equal("2026-12-01T09:30:05.25Z", CheckpointKeyring.FormatSignedAt(new DateTimeOffset(2026, 12, 1, 9, 30, 5, 250, TimeSpan.Zero)));
    }
}
