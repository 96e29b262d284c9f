using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Grains.Tests.Infrastructure;
using Auction.Silo.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Auction.Grains.Tests.Durability;

/// <summary>
/// Data at rest on the embedded default's SQLite file (issue 8 items 3 and 5): the reserve is stored only sealed,
/// the journal and the generated keys are private files in a private folder, and a restart keeps the keys and the
/// checkpoints, so the record still verifies, the reserve still opens, and a tail deleted in the file is reported.
/// </summary>
public sealed class AtRestTests : IAsyncLifetime
{
    private const decimal Reserve = 987_654.32m; // appears nowhere else; its shortest needle has 8 characters, so no hash matches it by chance
    private readonly string _root = Directory.CreateTempSubdirectory("auction-at-rest-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));

    private string DataFolder => Path.Combine(_root, "data"); // created by the silo
    private string DatabasePath => Path.Combine(DataFolder, "auction.db");

    [Fact]
    public async Task The_reserve_is_stored_only_sealed_and_no_stored_byte_holds_it_in_any_formatting()
    {
        string sealedAtPublication, sealedLater;
        var silo = await TestSilos.StartOnSqlite(DatabasePath, _time);
        try
        {
            var first = new ListingDriver(new FixtureView(silo, _time, new SqliteJournalStore(DatabasePath)), $"sealed-{Guid.NewGuid():N}"[..20]);
            await first.Publish(first.Definition(startingPrice: 900_000m, increment: 100m, reserve: Reserve));
            sealedAtPublication = first.Id;
            var second = new ListingDriver(first.Host, $"sealed-{Guid.NewGuid():N}"[..20]);
            await second.Publish(second.Definition(startingPrice: 900_000m, increment: 100m));
            (await second.Grain.SealReserve(ListingDriver.CentreUser, Reserve)).Expect();
            sealedLater = second.Id;

            foreach (var listing in new[] { first, second })
            {
                var stored = (await listing.StoredEntries()).Single(e => e.Type == "reserveSealed");
                Assert.Contains("\"sealed\":{\"keyId\":", stored.Data, StringComparison.Ordinal);
                Assert.DoesNotContain("reservePrice", stored.Data, StringComparison.Ordinal);
                Assert.Equal(Reserve, (await listing.Grain.GetRecord(withRelatedStreams: false)).Expect().ReservePrice); // the regulator still sees it
            }
        }
        finally
        {
            await TestSilos.Stop(silo);
        }

        SqliteConnection.ClearAllPools();
        StoredBytes.AssertNoneOf(DataFolder, Reserve);

        // Restarted, the listing opens its sealed reserve again and closes by it: below the reserve, no sale.
        silo = await TestSilos.StartOnSqlite(DatabasePath, _time);
        try
        {
            var listing = new ListingDriver(new FixtureView(silo, _time, new SqliteJournalStore(DatabasePath)), sealedLater);
            Assert.Equal(Reserve, (await listing.Grain.GetRecord(withRelatedStreams: false)).Expect().ReservePrice);
            await listing.Qualify("alpha");
            var view = await listing.Snapshot();
            listing.AdvanceTo(view.BiddingStartsAt);
            await listing.Accepted("alpha", 900_000m);
            listing.AdvanceTo(view.BiddingEndsAt!.Value);
            Assert.Equal((CloseOutcome.Failed, FailureReason.BelowReserve), ((await listing.Result()).Outcome, (await listing.Result()).Reason));
            Assert.True((await listing.Grain.VerifyRecord()).Expect().Valid);
            Assert.Equal(Reserve, (await silo.Client.GetGrain<IListingGrain>(sealedAtPublication).GetRecord(false)).Expect().ReservePrice);
        }
        finally
        {
            await TestSilos.Stop(silo);
        }
    }

    [Fact]
    public async Task Journal_and_keys_are_private_files_kept_across_a_restart_with_the_checkpoints_and_a_deleted_tail_is_reported()
    {
        string listingId;
        SignedCheckpoint signed;
        var silo = await TestSilos.StartOnSqlite(DatabasePath, _time);
        try
        {
            var listing = new ListingDriver(new FixtureView(silo, _time, new SqliteJournalStore(DatabasePath)), $"keys-{Guid.NewGuid():N}"[..20]);
            listingId = listing.Id;
            var published = await listing.Publish();
            await listing.Qualify("alpha");
            listing.AdvanceTo(published.BiddingStartsAt);
            await listing.Accepted("alpha", 1000m);
            listing.AdvanceTo(published.BiddingEndsAt!.Value);
            await listing.Result();
            signed = await listing.Checkpoint();
        }
        finally
        {
            await TestSilos.Stop(silo);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(DataFolder));
            foreach (var file in new[] { "auction.db", "checkpoint-key.pem", "sealing.key" })
                Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(Path.Combine(DataFolder, file)));
            foreach (var sidecar in Directory.GetFiles(DataFolder, "auction.db-*"))
                Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(sidecar));
        }
        var keyFile = File.ReadAllText(Path.Combine(DataFolder, "checkpoint-key.pem"));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", keyFile);

        silo = await TestSilos.StartOnSqlite(DatabasePath, _time);
        try
        {
            var listing = new ListingDriver(new FixtureView(silo, _time, new SqliteJournalStore(DatabasePath)), listingId);
            Assert.Equal(keyFile, File.ReadAllText(Path.Combine(DataFolder, "checkpoint-key.pem"))); // reused, not regenerated
            Assert.Equal(signed, await listing.Checkpoint());
            var verdict = (await listing.Grain.VerifyRecord()).Expect();
            Assert.Equal((true, (long?)signed.Seq, (bool?)true), (verdict.Valid, verdict.SignedSeq, verdict.SignatureValid));

            // Deleting the tail in the file itself is caught by the signed head.
            await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
            {
                await connection.OpenAsync();
                var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM journal WHERE stream = $stream AND seq > $keep";
                delete.Parameters.AddWithValue("$stream", $"listing/{listingId}");
                delete.Parameters.AddWithValue("$keep", signed.Seq - 1);
                Assert.Equal(1, await delete.ExecuteNonQueryAsync());
            }
            verdict = (await listing.Grain.VerifyRecord()).Expect();
            Assert.Equal((false, VerifyReasons.ShorterThanSignedHead, (long?)signed.Seq), (verdict.Valid, verdict.Reason, verdict.BrokenAtSeq));
        }
        finally
        {
            await TestSilos.Stop(silo);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
