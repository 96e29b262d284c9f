using Auction.Silo.Journal;

namespace Auction.Storage.Tests;

/// <summary>
/// What every journal store must do (ARCHITECTURE §3–4): version-checked atomic appends, ordered reads from a
/// version, entries stored exactly as hashed, and exactly one winner between concurrent appenders.
/// </summary>
public abstract class JournalStoreContract
{
    protected abstract IJournalStore Store { get; }

    private static string NewStream() => $"contract/{Guid.NewGuid():N}";

    /// <summary>A chained batch continuing a stream at <paramref name="after"/>.</summary>
    protected static JournalEntry[] Batch(long after, int count, string prevHash, string label = "e")
    {
        var batch = new JournalEntry[count];
        for (var i = 0; i < count; i++)
        {
            var seq = after + 1 + i;
            var at = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero).AddTicks(seq * 12_345_671);
            batch[i] = HashChain.Seal(prevHash, seq, "bidAccepted", at, $$"""{"$type":"bidAccepted","label":"{{label}}","amount":{{1000 + seq}}.10,"note":"价高者得"}""");
            prevHash = batch[i].Hash;
        }
        return batch;
    }

    [Fact]
    public async Task Appends_are_read_back_exactly_as_stored_and_the_chain_verifies()
    {
        var stream = NewStream();
        var first = Batch(0, 3, HashChain.Genesis);
        await Store.AppendAsync(stream, 0, first);
        var second = Batch(3, 2, first[^1].Hash);
        await Store.AppendAsync(stream, 3, second);

        var stored = await Store.ReadAsync(stream, 0);
        Assert.Equal(first.Concat(second), stored);
        Assert.Null(HashChain.FindBreak(stored));
    }

    [Fact]
    public async Task Reads_start_after_the_given_version()
    {
        var stream = NewStream();
        var batch = Batch(0, 5, HashChain.Genesis);
        await Store.AppendAsync(stream, 0, batch);

        Assert.Equal(batch.Skip(3), await Store.ReadAsync(stream, 3));
        Assert.Empty(await Store.ReadAsync(stream, 5));
        Assert.Empty(await Store.ReadAsync(NewStream(), 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task An_append_at_the_wrong_version_conflicts_and_writes_nothing(long wrongVersion)
    {
        var stream = NewStream();
        var batch = Batch(0, 2, HashChain.Genesis);
        await Store.AppendAsync(stream, 0, batch);

        var stale = Batch(wrongVersion, 2, HashChain.Genesis, "stale");
        await Assert.ThrowsAsync<JournalConflictException>(() => Store.AppendAsync(stream, wrongVersion, stale));
        Assert.Equal(batch, await Store.ReadAsync(stream, 0));
    }

    [Fact]
    public async Task Of_two_concurrent_appenders_at_one_version_exactly_one_wins()
    {
        for (var round = 0; round < 10; round++)
        {
            var stream = NewStream();
            var contenders = Enumerable.Range(0, 4).Select(i => Batch(0, 3, HashChain.Genesis, $"writer-{i}")).ToArray();
            var attempts = contenders.Select(batch => Task.Run(async () =>
            {
                try
                {
                    await Store.AppendAsync(stream, 0, batch);
                    return batch;
                }
                catch (JournalConflictException)
                {
                    return null;
                }
            })).ToArray();

            var winners = (await Task.WhenAll(attempts)).Where(w => w is not null).ToArray();
            Assert.Single(winners);
            Assert.Equal(winners[0], await Store.ReadAsync(stream, 0));
        }
    }

    [Fact]
    public async Task A_batch_whose_seqs_do_not_follow_the_version_is_refused()
    {
        var stream = NewStream();
        var gap = Batch(1, 2, HashChain.Genesis);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(stream, 0, gap));
        Assert.Empty(await Store.ReadAsync(stream, 0));
    }
}

public sealed class InMemoryJournalStoreTests : JournalStoreContract
{
    protected override IJournalStore Store { get; } = new InMemoryJournalStore();
}

public sealed class SqliteJournalStoreTests : JournalStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("auction-sqlite-").FullName;
    private readonly SqliteJournalStore _store;

    public SqliteJournalStoreTests() => _store = new SqliteJournalStore(System.IO.Path.Combine(_directory, "journal.db"));

    protected override IJournalStore Store => _store;

    [Fact]
    public async Task Entries_survive_reopening_the_file()
    {
        var batch = Batch(0, 3, HashChain.Genesis);
        await _store.AppendAsync("durable", 0, batch);

        using var reopened = new SqliteJournalStore(_store.FilePath);
        Assert.Equal(batch, await reopened.ReadAsync("durable", 0));
    }

    [Fact]
    public async Task The_journal_file_is_created_0600_in_a_folder_created_0700_and_its_WAL_follows()
    {
        if (OperatingSystem.IsWindows()) return; // Unix modes only
        var folder = System.IO.Path.Combine(_directory, "data", "nested");
        using var store = new SqliteJournalStore(System.IO.Path.Combine(folder, "auction.db"));
        await store.AppendAsync("private", 0, Batch(0, 1, HashChain.Genesis));

        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(folder));
        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(System.IO.Path.Combine(_directory, "data")));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(store.FilePath));
        var sidecars = Directory.GetFiles(folder, "auction.db-*");
        Assert.NotEmpty(sidecars); // -wal and -shm
        foreach (var sidecar in sidecars) Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(sidecar));
    }

    [Fact]
    public async Task Concurrent_appends_to_many_streams_share_transactions_and_each_keeps_its_own_version_check()
    {
        // Group commit: 40 streams × 10 appends in flight at once, plus a stale append per stream that must fail alone.
        var streams = Enumerable.Range(0, 40).Select(i => $"group/{Guid.NewGuid():N}").ToArray();
        var batches = streams.ToDictionary(s => s, _ => Batch(0, 10, HashChain.Genesis));
        var work = streams.Select(async stream =>
        {
            var batch = batches[stream];
            await _store.AppendAsync(stream, 0, [batch[0]]);
            // From here on an append at version 0 is stale: it must fail alone, whatever group it lands in.
            var stale = Assert.ThrowsAsync<JournalConflictException>(() => _store.AppendAsync(stream, 0, Batch(0, 1, HashChain.Genesis, "stale")));
            for (var i = 1; i < batch.Length; i++) await _store.AppendAsync(stream, i, [batch[i]]);
            await stale;
        });
        await Task.WhenAll(work);
        foreach (var stream in streams) Assert.Equal(batches[stream], await _store.ReadAsync(stream, 0));
    }

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
