using System.Collections.Concurrent;
using System.Security.Claims;
using Auction.Contracts.Listings;
using Auction.Gateway.Live;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Auction.Gateway.Tests.Live;

/// <summary>
/// The fan-out in isolation (fake connections, the real <see cref="LiveEvents"/> writing its pre-serialized events): publishing never waits for a
/// watcher, a dead watcher does not hold up the others, and it is disconnected once its outbox overflows.
/// </summary>
public sealed class SlowWatcherTests
{
    [Fact]
    public async Task A_dead_watcher_neither_blocks_publishing_nor_delays_other_watchers_and_is_disconnected()
    {
        var hub = new FakeHub();
        var live = new LiveEvents(hub, hub, null!, NullLogger<LiveEvents>.Instance);
        await live.StartAsync(CancellationToken.None);
        var dead = new FakeCaller("dead");
        var healthy = new FakeCaller("healthy");
        hub.Block("dead");
        live.CompleteWatch(Begin(live, dead, "L1"), 0);
        live.CompleteWatch(Begin(live, healthy, "L1"), 0);

        // Far more events than an outbox holds, in bursts: the sink only enqueues, whatever the watchers do.
        var events = Enumerable.Range(1, LiveEvents.OutboxCapacity + 1000).Select(i => new PublicListingEvent("L1", i, "bidAccepted", DateTimeOffset.UnixEpoch, Amount: i)).ToArray();
        foreach (var burst in events.Chunk(500))
        {
            foreach (var e in burst) live.Published("L1", [e]);
            await Task.Delay(20);
        }

        await Until(() => hub.Received("healthy").Count == events.Length);
        Assert.Equal(events.Select(e => e.Seq), hub.Received("healthy").Select(e => e.Seq));
        await Until(() => dead.Aborted);
        Assert.Equal(1, live.WatcherCount("L1")); // only the healthy watcher is left
        await live.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Watching_again_on_the_same_connection_never_delivers_an_event_twice()
    {
        var hub = new FakeHub();
        var live = new LiveEvents(hub, hub, null!, NullLogger<LiveEvents>.Instance);
        await live.StartAsync(CancellationToken.None);
        var caller = new FakeCaller("c1");
        live.CompleteWatch(Begin(live, caller, "L1"), 0);
        live.Published("L1", [Event(1), Event(2)]);
        await Until(() => hub.Received("c1").Count == 2);

        var again = Begin(live, caller, "L1"); // e.g. after the client saw a gap
        live.Published("L1", [Event(3)]);           // arrives while the new snapshot is read
        live.CompleteWatch(again, 2);               // the snapshot covers seq 1..2
        live.Published("L1", [Event(3), Event(4)]); // a repeat of 3 (a gap fill) and a new 4

        await Until(() => hub.Received("c1").Count == 4);
        await Task.Delay(100);
        Assert.Equal([1L, 2L, 3L, 4L], hub.Received("c1").Select(e => e.Seq));
        await live.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_watcher_whose_write_stalls_gets_the_next_events_in_order_from_its_outbox_then_straight_again()
    {
        var hub = new FakeHub();
        var live = new LiveEvents(hub, hub, null!, NullLogger<LiveEvents>.Instance);
        await live.StartAsync(CancellationToken.None);
        var caller = new FakeCaller("c1");
        live.CompleteWatch(Begin(live, caller, "L1"), 0);

        var stalled = hub.Stall("c1"); // the next write does not finish until released: the connection lags
        live.Published("L1", [Event(1), Event(2), Event(3)]);
        await Until(() => hub.Received("c1").Count == 1);
        await Task.Delay(200);
        Assert.Single(hub.Received("c1")); // 2 and 3 wait in its outbox behind the unfinished write

        stalled.SetResult();
        await Until(() => hub.Received("c1").Count == 3);
        live.Published("L1", [Event(4)]); // in sync again
        await Until(() => hub.Received("c1").Count == 4);
        Assert.Equal([1L, 2L, 3L, 4L], hub.Received("c1").Select(e => e.Seq));
        Assert.False(caller.Aborted);
        await live.StopAsync(CancellationToken.None);
    }

    private static LiveEvents.Watch Begin(LiveEvents live, HubCallerContext caller, string listingId)
    {
        Assert.True(live.TryBeginWatch(caller, listingId, out var watch));
        return watch;
    }

    private static PublicListingEvent Event(long seq) => new("L1", seq, "bidAccepted", DateTimeOffset.UnixEpoch);

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }

    private sealed class FakeCaller(string id) : HubCallerContext
    {
        public bool Aborted { get; private set; }
        public override string ConnectionId => id;
        public override string? UserIdentifier => null;
        public override ClaimsPrincipal? User => null;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;
        public override void Abort() => Aborted = true;
    }

    /// <summary>Connections that record what they are sent; a blocked one never finishes a write.</summary>
    private sealed class FakeHub : IHubContext<ListingsHub, IListingsClient>, IHubClients<IListingsClient>, IHubConnections
    {
        private readonly ConcurrentDictionary<string, Recorder> _clients = new();

        IHubClients<IListingsClient> IHubContext<ListingsHub, IListingsClient>.Clients => this;
        IGroupManager IHubContext<ListingsHub, IListingsClient>.Groups => throw new NotSupportedException();

        public void Block(string id) => Get(id).Blocked = true;

        /// <summary>The connection's next write is recorded but finishes only when the returned source is completed.</summary>
        public TaskCompletionSource Stall(string id) => Get(id).Stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<PublicListingEvent> Received(string id)
        {
            var client = Get(id);
            lock (client.Events) return [.. client.Events];
        }

        public HubConnectionContext? Find(string connectionId) => Get(connectionId);

        private Recorder Get(string id) => _clients.GetOrAdd(id, i => new Recorder(i));

        public IListingsClient Client(string connectionId) => throw new NotSupportedException();
        public IListingsClient All => throw new NotSupportedException();
        public IListingsClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();
        IListingsClient IHubClients<IListingsClient>.Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();
        public IListingsClient Group(string groupName) => throw new NotSupportedException();
        public IListingsClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();
        IListingsClient IHubClients<IListingsClient>.Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();
        public IListingsClient User(string userId) => throw new NotSupportedException();
        public IListingsClient Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();

        private sealed class Recorder(string id)
            : HubConnectionContext(new DefaultConnectionContext(id), new HubConnectionContextOptions(), NullLoggerFactory.Instance)
        {
            public bool Blocked { get; set; }
            public TaskCompletionSource? Stalled { get; set; }
            public List<PublicListingEvent> Events { get; } = [];

            public override ValueTask WriteAsync(SerializedHubMessage message, CancellationToken cancellationToken = default)
            {
                if (Blocked) return new ValueTask(new TaskCompletionSource().Task); // a dead socket: the write never completes
                lock (Events) Events.Add((PublicListingEvent)((InvocationMessage)message.Message!).Arguments[0]!);
                if (Stalled is not { } stalled) return ValueTask.CompletedTask;
                Stalled = null;
                return new ValueTask(stalled.Task);
            }
        }
    }
}
