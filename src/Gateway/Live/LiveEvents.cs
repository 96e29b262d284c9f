using System.Collections.Concurrent;
using System.Threading.Channels;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;
using Microsoft.AspNetCore.SignalR;

namespace Auction.Gateway.Live;

/// <summary>
/// The gateway's live fan-out (ARCHITECTURE §5). The engine hands over each listing's public events after
/// the durable append (<see cref="IListingEventSink"/>, which only enqueues); one dispatcher copies them into
/// a bounded outbox per watching connection, and one pump per connection sends in <c>seq</c> order. A slow
/// watcher fills only its own outbox (and is cut off when it overflows, to resync by <c>seq</c>); a bid never
/// waits for anyone.
/// </summary>
public sealed class LiveEvents : IListingEventSink, IHostedService
{
    public const int OutboxCapacity = 4096;

    private readonly Channel<PublicListingEvent> _incoming = Channel.CreateUnbounded<PublicListingEvent>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<string, Watchers> _byListing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly IHubContext<ListingsHub, IListingsClient> _hub;
    private readonly ILogger<LiveEvents> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _dispatcher;

    public LiveEvents(IHubContext<ListingsHub, IListingsClient> hub, ILogger<LiveEvents> logger)
    {
        _hub = hub;
        _logger = logger;
    }

    /// <summary>Called by listing grains inside their turn: it must not block, so it only enqueues.</summary>
    public void Published(string listingId, IReadOnlyList<PublicListingEvent> events)
    {
        foreach (var e in events) _incoming.Writer.TryWrite(e);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _dispatcher = Task.Run(() => Dispatch(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _incoming.Writer.TryComplete();
        await _stopping.CancelAsync();
        foreach (var connection in _connections.Values) connection.Close();
        if (_dispatcher is not null) await _dispatcher.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Step 1 of Watch: from now on the connection's events for the listing are held back.</summary>
    public Watch BeginWatch(string connectionId, string listingId)
    {
        var connection = _connections.GetOrAdd(connectionId, id => new Connection(id, _hub, _logger, Disconnected));
        var watch = new Watch(connection, listingId);
        _byListing.GetOrAdd(listingId, _ => new Watchers()).Set(connectionId, watch);
        return watch;
    }

    /// <summary>Step 2 of Watch: the snapshot covers up to <paramref name="snapshotSeq"/>; later held-back events go out now.</summary>
    public void CompleteWatch(Watch watch, long snapshotSeq) => watch.Complete(snapshotSeq);

    public void Unwatch(string connectionId, string listingId)
    {
        if (_byListing.TryGetValue(listingId, out var watchers)) watchers.Remove(connectionId);
    }

    public void Disconnected(string connectionId)
    {
        foreach (var watchers in _byListing.Values) watchers.Remove(connectionId);
        if (_connections.TryRemove(connectionId, out var connection)) connection.Close();
    }

    public int WatcherCount(string listingId) => _byListing.TryGetValue(listingId, out var w) ? w.Count : 0;

    private async Task Dispatch(CancellationToken stopping)
    {
        try
        {
            await foreach (var e in _incoming.Reader.ReadAllAsync(stopping))
                if (_byListing.TryGetValue(e.ListingId, out var watchers))
                    foreach (var watch in watchers.Snapshot()) watch.Offer(e);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private sealed class Watchers
    {
        private readonly ConcurrentDictionary<string, Watch> _byConnection = new(StringComparer.Ordinal);

        public int Count => _byConnection.Count;

        public void Set(string connectionId, Watch watch) => _byConnection[connectionId] = watch;

        public void Remove(string connectionId) => _byConnection.TryRemove(connectionId, out _);

        public ICollection<Watch> Snapshot() => _byConnection.Values;
    }

    /// <summary>One connection watching one listing: holds events until its snapshot is known, then passes each seq once.</summary>
    public sealed class Watch(Connection connection, string listingId)
    {
        private readonly object _gate = new();
        private readonly List<PublicListingEvent> _heldBack = [];
        private long? _delivered;

        public string ListingId { get; } = listingId;

        public void Offer(PublicListingEvent e)
        {
            lock (_gate)
            {
                if (_delivered is null) _heldBack.Add(e);
                else Deliver(e);
            }
        }

        public void Complete(long snapshotSeq)
        {
            lock (_gate)
            {
                _delivered = snapshotSeq;
                foreach (var e in _heldBack) Deliver(e);
                _heldBack.Clear();
            }
        }

        private void Deliver(PublicListingEvent e)
        {
            if (e.Seq <= _delivered) return; // already in the snapshot's history or sent
            _delivered = e.Seq;
            connection.Send(e);
        }
    }

    /// <summary>The ordered outbox of one connection and the pump that drains it.</summary>
    public sealed class Connection
    {
        private readonly Channel<PublicListingEvent> _outbox = Channel.CreateBounded<PublicListingEvent>(
            new BoundedChannelOptions(OutboxCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        private readonly string _id;
        private readonly ILogger _logger;
        private readonly Action<string> _overflowed;

        public Connection(string id, IHubContext<ListingsHub, IListingsClient> hub, ILogger logger, Action<string> overflowed)
        {
            _id = id;
            _logger = logger;
            _overflowed = overflowed;
            _ = Task.Run(() => Pump(hub.Clients.Client(id)));
        }

        public void Send(PublicListingEvent e)
        {
            if (_outbox.Writer.TryWrite(e)) return;
            // Overflow: stop feeding this watcher; its client sees a seq gap and calls Watch again.
            _logger.LogWarning("Watcher {Connection} is too slow; its live stream is cut off", _id);
            _outbox.Writer.TryComplete();
            _overflowed(_id);
        }

        public void Close() => _outbox.Writer.TryComplete();

        private async Task Pump(IListingsClient client)
        {
            try
            {
                await foreach (var e in _outbox.Reader.ReadAllAsync()) await client.ListingEvent(e);
            }
            catch (Exception ex)
            {
                _logger.LogDebug(ex, "Live stream to {Connection} ended", _id);
            }
        }
    }
}
