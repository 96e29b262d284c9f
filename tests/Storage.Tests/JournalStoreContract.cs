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

        var reopened = new SqliteJournalStore(_store.FilePath);
        Assert.Equal(batch, await reopened.ReadAsync("durable", 0));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
