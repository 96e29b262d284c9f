using System.Security.Cryptography;
using System.Text;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Grains.Tests.Infrastructure;
using Auction.Silo.Journal;
using Auction.TestSupport;

namespace Auction.Grains.Tests.Records;

/// <summary>
/// Anchored records (issue 8 item 3): chain heads signed at publication, every N events or T seconds and at the
/// end, into a stream of their own; a deleted tail, a rewritten and rehashed history, a forged checkpoint, a
/// broken invariant or a tampered registration are reported by verify, and the listing turns read-only.
/// The fixture signs every 5 events (and after 60 s, out of the tests' way).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CheckpointTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Heads_are_signed_at_publication_every_N_events_and_at_the_close_in_their_own_stream()
    {
        var listing = ListingDriver.Create(fixture, "signed");
        var published = await listing.Publish(listing.Definition(reserve: 1200m));
        var first = await listing.Checkpoint();
        Assert.Equal(2, first.Seq); // published + reserveSealed, signed at publication

        foreach (var bidder in new[] { "alpha", "beta", "gamma" }) await listing.Qualify(bidder);
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m); // seq 6 (biddingOpened) and 7: five unsigned events → signed
        Assert.Equal(7, (await listing.Checkpoint()).Seq);

        await listing.Accepted("beta", 1100m);
        await listing.Accepted("gamma", 1250m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value);
        Assert.Equal(CloseOutcome.Sold, (await listing.Result()).Outcome);

        var entries = await listing.StoredEntries();
        var last = await listing.Checkpoint();
        Assert.Equal((entries.Count, entries[^1].Hash), ((int)last.Seq, last.HeadHash));
        // The listing's public seq is untouched: checkpoints are not events of the listing.
        Assert.Equal(entries.Count, (await listing.Grain.GetEvents(0, 1000)).Expect().Count);
        Assert.DoesNotContain(entries, e => e.Type.Contains("checkpoint", StringComparison.OrdinalIgnoreCase));
        var checkpoints = await listing.StoredCheckpoints();
        Assert.Equal([2L, 7L, entries.Count], checkpoints.Select(c => RecordTampering.Read(c).Seq));
        Assert.Null(HashChain.FindBreak(checkpoints));

        // An outsider recomputes the signed text from the JSON fields and checks it with the published key.
        var key = Assert.Single(await fixture.Grains.GetGrain<ICheckpointKeysGrain>(0).GetKeys(), k => k.KeyId == last.KeyId);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", last.SignedAt);
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.PublicKeyPem);
        Assert.Equal(key.KeyId, Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()))[..16]);
        Assert.True(ecdsa.VerifyData(Encoding.UTF8.GetBytes($"{listing.Id}|{last.Seq}|{last.HeadHash}|{last.SignedAt}"),
            Convert.FromBase64String(last.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        var verified = (await listing.Grain.VerifyRecord()).Expect();
        Assert.Equal((true, entries.Count, entries[^1].Hash, (long?)entries.Count, (bool?)true),
            (verified.Valid, (int)verified.Events, verified.HeadHash, verified.SignedSeq, verified.SignatureValid));
    }

    [Fact]
    public async Task Deleting_the_tail_after_a_checkpoint_is_reported_and_the_listing_turns_read_only_showing_its_record()
    {
        var listing = await SignedListing("tail");
        var entries = await listing.StoredEntries();
        var signed = await listing.Checkpoint();
        Assert.Equal(entries.Count, signed.Seq);

        fixture.Store.ReplaceForTest($"listing/{listing.Id}", entries.Take(entries.Count - 2).ToArray());
        var verdict = (await listing.Grain.VerifyRecord()).Expect();
        Assert.Equal((false, VerifyReasons.ShorterThanSignedHead, (long?)entries.Count - 1, (long?)entries.Count, (bool?)true),
            (verdict.Valid, verdict.Reason, verdict.BrokenAtSeq, verdict.SignedSeq, verdict.SignatureValid));

        await fixture.Cluster.DeactivateAsync(listing.Grain);
        Assert.Equal(RejectionCodes.JournalCorrupted, (await listing.Grain.GetSnapshot()).Rejection?.Code);
        Assert.Equal(RejectionCodes.JournalCorrupted, (await listing.Bid("alpha", 5000m)).Rejection?.Code);
        var record = (await listing.Grain.GetRecord(withRelatedStreams: true)).Expect();
        Assert.Equal(VerifyReasons.ShorterThanSignedHead, record.Break?.Reason);
        Assert.Equal(entries.Count - 2, record.Events.Count);
        Assert.Equal(signed, record.Checkpoint);
        Assert.Equal(signed, await listing.Checkpoint()); // the public anchor is still served
    }

    [Fact]
    public async Task Rewriting_an_event_and_rehashing_the_whole_chain_is_reported_as_not_matching_the_signed_head()
    {
        var listing = await SignedListing("rehash");
        var entries = await listing.StoredEntries();
        var bid = entries.First(e => e.Type == "bidAccepted");
        var forged = RecordTampering.RewriteAndRehash(entries, bid.Seq, data => data.Replace("\"amount\":1000", "\"amount\":1001", StringComparison.Ordinal));
        Assert.Null(HashChain.FindBreak(forged));
        fixture.Store.ReplaceForTest($"listing/{listing.Id}", forged);

        var verdict = (await listing.Grain.VerifyRecord()).Expect();
        Assert.Equal((false, VerifyReasons.HeadMismatch, (bool?)true), (verdict.Valid, verdict.Reason, verdict.SignatureValid));
        await fixture.Cluster.DeactivateAsync(listing.Grain);
        Assert.Equal(RejectionCodes.JournalCorrupted, (await listing.Grain.GetSnapshot()).Rejection?.Code);
        Assert.Equal(VerifyReasons.HeadMismatch, (await listing.Grain.GetRecord(withRelatedStreams: false)).Expect().Break?.Reason);
    }

    [Fact]
    public async Task A_lower_bid_inserted_into_a_rehashed_chain_and_signed_with_another_key_is_reported()
    {
        var listing = await SignedListing("forged");
        var entries = await listing.StoredEntries();
        var forged = RecordTampering.InsertLowerBid(entries, lowerBy: 5m);
        fixture.Store.ReplaceForTest($"listing/{listing.Id}", forged);
        fixture.Store.ReplaceForTest($"checkpoint/{listing.Id}", RecordTampering.SelfSignedCheckpoints(listing.Id, forged, listing.Now));

        var verdict = (await listing.Grain.VerifyRecord()).Expect();
        Assert.Equal((false, VerifyReasons.UnknownKey, (bool?)false), (verdict.Valid, verdict.Reason, verdict.SignatureValid));

        // Claiming the real key id does not help: the signature does not verify.
        var realKey = (await listing.Checkpoint()).KeyId;
        fixture.Store.ReplaceForTest($"checkpoint/{listing.Id}", RecordTampering.SelfSignedCheckpoints(listing.Id, forged, listing.Now, claimKeyId: realKey));
        verdict = (await listing.Grain.VerifyRecord()).Expect();
        Assert.Equal((false, VerifyReasons.SignatureInvalid, (bool?)false), (verdict.Valid, verdict.Reason, verdict.SignatureValid));

        await fixture.Cluster.DeactivateAsync(listing.Grain);
        Assert.Equal(RejectionCodes.JournalCorrupted, (await listing.Bid("alpha", 5000m)).Rejection?.Code);
    }

    [Fact]
    public async Task A_tampered_registration_entry_is_reported_in_its_stream()
    {
        var listing = await SignedListing("registration");
        var registration = await listing.StoredRegistration();
        var submitted = registration.First(e => e.Type == "applicationSubmitted");
        fixture.Store.TamperForTest($"registration/{listing.Id}", submitted.Seq, e => e with { Data = e.Data.Replace("alpha Co., Ltd.", "Mallory Co., Ltd.", StringComparison.Ordinal) });

        var verdict = (await listing.Grain.VerifyRecord()).Expect();
        Assert.Equal((false, VerifyReasons.ChainBroken, (long?)submitted.Seq, $"registration/{listing.Id}"),
            (verdict.Valid, verdict.Reason, verdict.BrokenAtSeq, verdict.Stream));

        // Rehashed, but a credit that qualified a bidder is gone: it no longer agrees with the listing's signed events.
        var withoutCredit = RecordTampering.Rechain(registration.Where(e => e.Type != "depositCredited"));
        fixture.Store.ReplaceForTest($"registration/{listing.Id}", withoutCredit);
        verdict = (await listing.Grain.VerifyRecord()).Expect();
        Assert.Equal((false, VerifyReasons.RegistrationMismatch), (verdict.Valid, verdict.Reason));
        Assert.Contains("credits 0", verdict.Detail);
    }

    [Fact]
    public async Task Receipts_carry_the_seq_and_hash_of_the_entry_that_recorded_them()
    {
        var listing = ListingDriver.Create(fixture, "receipts");
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        var application = (await listing.Registration.GetApplication("alpha")).Expect();
        var registration = await listing.StoredRegistration();
        Assert.Equal(("applicationSubmitted", registration[(int)application.Seq - 1].Hash), (registration[(int)application.Seq - 1].Type, application.Hash));

        listing.AdvanceTo(published.BiddingStartsAt);
        var receipt = await listing.Accepted("alpha", 1000m);
        var entries = await listing.StoredEntries();
        Assert.Equal(("bidAccepted", entries[(int)receipt.Seq - 1].Hash), (entries[(int)receipt.Seq - 1].Type, receipt.Hash));
        var replay = (await listing.Bid("alpha", 1000m)).Expect();
        Assert.Equal((true, receipt.Seq, receipt.Hash), (replay.Replayed, replay.Seq, replay.Hash));
    }

    [Fact]
    public async Task A_reactivated_listing_keeps_its_checkpoints_and_signs_an_unsigned_tail()
    {
        var listing = await SignedListing("reactivate");
        var before = await listing.Checkpoint();
        await fixture.Cluster.DeactivateAsync(listing.Grain);
        Assert.Equal(before, await listing.Checkpoint());
        Assert.True((await listing.Grain.VerifyRecord()).Expect().Valid);
    }

    /// <summary>A listing with two bids, sold, so its head is signed at the close.</summary>
    private async Task<ListingDriver> SignedListing(string name)
    {
        var listing = ListingDriver.Create(fixture, name);
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        await listing.Qualify("beta");
        listing.AdvanceTo(published.BiddingStartsAt);
        await listing.Accepted("alpha", 1000m);
        await listing.Accepted("beta", 1010m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value);
        Assert.Equal(CloseOutcome.Sold, (await listing.Result()).Outcome);
        Assert.True((await listing.Grain.VerifyRecord()).Expect().Valid);
        return listing;
    }
}
