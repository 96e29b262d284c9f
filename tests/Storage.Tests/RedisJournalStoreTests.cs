using Auction.Silo.Journal;
using Auction.TestSupport;
using StackExchange.Redis;

namespace Auction.Storage.Tests;

/// <summary>The shared store contract against a real redis-server, plus what only Redis needs: surviving kill -9.</summary>
public sealed class RedisJournalStoreTests : JournalStoreContract, IAsyncLifetime
{
    private RedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private RedisJournalStore _store = null!;

    protected override IJournalStore Store => _store;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(_server.Configuration);
        _store = new RedisJournalStore(_redis);
    }

    [Fact]
    public async Task Acknowledged_appends_survive_kill_9_and_a_restart_on_the_same_append_only_file()
    {
        var batch = Batch(0, 5, HashChain.Genesis);
        await _store.AppendAsync("durable", 0, batch[..3]);
        await _store.AppendAsync("durable", 3, batch[3..]);

        _server.Kill();
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _store.AppendAsync("durable", 5, Batch(5, 1, batch[^1].Hash)));
        await _server.StartProcessAsync();

        await using var fresh = await ConnectionMultiplexer.ConnectAsync(_server.Configuration);
        var stored = await new RedisJournalStore(fresh).ReadAsync("durable", 0);
        Assert.Equal(batch, stored);
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _server.DisposeAsync();
    }
}
