using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Auction.Contracts.Listings;
using Auction.Contracts.Live;
using Auction.Silo.Listing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Auction.Gateway.Live;

/// <summary>
/// The gateway's live fan-out (ARCHITECTURE §5). Events arrive after the durable append — in process from the
/// co-hosted silo (<see cref="IListingEventSink"/>) or, in cluster mode, once per gateway from the silos
/// (<see cref="ILiveEventObserver"/>) — and only get queued. One dispatcher wraps each event in one
/// <see cref="SerializedHubMessage"/> (serialized at most once per hub protocol, whatever the number of watchers)
/// and hands it to the watches of its listing; a watch passes every <c>seq</c> exactly once and in order to its
/// connection. A connection in sync gets the shared bytes written straight away; one whose last write has not
/// finished falls back to its own ordered outbox and catch-up loop until it has drained it. A missing <c>seq</c>
/// (a lost or late message) is read back from the listing. A watcher too slow to drain its outbox is disconnected,
/// so its client reconnects and resyncs by <c>seq</c>; no bid ever waits for a watcher.
/// Memory follows what is watched, not what was asked: a listing's entry exists only while someone watches it, and
/// a connection watches at most <see cref="LiveSettings.MaxWatchesPerConnection"/> listings.
/// </summary>
public sealed class LiveEvents(
    IHubContext<ListingsHub, IListingsClient> hub, IHubConnections connections, IGrainFactory grains, ILogger<LiveEvents> logger, LiveSettings? settings = null)
    : IListingEventSink, ILiveEventObserver, IHostedService
{
    public const int OutboxCapacity = 4096;

    private readonly LiveSettings _settings = settings ?? new LiveSettings();
    private readonly Channel<PublicListingEvent> _incoming = Channel.CreateUnbounded<PublicListingEvent>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Watch>> _byListing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _gapFills = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Serializes adding and removing watches (rare next to events), so that a listing's entry is removed exactly when
    /// its last watch goes and never while another is being added. The dispatcher reads without it.
    /// </summary>
    private readonly Lock _structure = new();
    private int _watches;
    private Task? _dispatcher;

    /// <summary>In process: called by listing grains inside their turn, so it only enqueues.</summary>
    public void Published(string listingId, IReadOnlyList<PublicListingEvent> events)
    {
        foreach (var e in events) _incoming.Writer.TryWrite(e);
    }

    /// <summary>Cluster mode: one one-way message per gateway from the silo that recorded the events.</summary>
    public Task OnEvents(string listingId, IReadOnlyList<PublicListingEvent> events)
    {
        Published(listingId, events);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A countdown warning goes to the listing's current watchers in one send (serialized once); it is not an event, so
    /// it bypasses the ordered outboxes: a watcher that misses one loses nothing.
    /// </summary>
    public void CountdownWarning(CountdownWarning warning)
    {
        if (!_byListing.TryGetValue(warning.ListingId, out var watches) || watches.IsEmpty) return;
        var connections = watches.Keys.ToArray();
        _ = Send();

        async Task Send()
        {
            try
            {
                await hub.Clients.Clients(connections).CountdownWarning(warning);
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Countdown warning for {Listing} not sent", warning.ListingId);
            }
        }
    }

    public Task OnCountdownWarning(CountdownWarning warning)
    {
        CountdownWarning(warning);
        return Task.CompletedTask;
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

    /// <summary>
    /// Step 1 of Watch: from now on the connection's events for the listing are held back. Watching again
    /// (after a gap) restarts the same watch, so one connection never has two deliverers for a listing. False when
    /// the connection already watches as many listings as it may.
    /// </summary>
    public bool TryBeginWatch(HubCallerContext caller, string listingId, [NotNullWhen(true)] out Watch? watch)
    {
        lock (_structure)
        {
            var connection = _connections.GetOrAdd(caller.ConnectionId, id => new Connection(id,
                connections.Find(id) ?? throw new HubException("The connection has closed."), caller.Abort, Disconnected, logger));
            if (!_byListing.TryGetValue(listingId, out var watches) || !watches.TryGetValue(caller.ConnectionId, out watch))
            {
                if (connection.Listings.Count >= _settings.MaxWatchesPerConnection)
                {
                    watch = null;
                    return false;
                }
                watch = new Watch(connection, listingId, RequestGapFill);
                watches ??= new ConcurrentDictionary<string, Watch>(StringComparer.Ordinal);
                watches[caller.ConnectionId] = watch;
                _byListing[listingId] = watches;
                connection.Listings.Add(listingId);
                _watches++;
            }
        }
        watch.Restart();
        return true;
    }

    /// <summary>Step 2 of Watch: the snapshot covers up to <paramref name="snapshotSeq"/>; later held-back events go out now.</summary>
    public void CompleteWatch(Watch watch, long snapshotSeq) => watch.Complete(snapshotSeq);

    public void Unwatch(string connectionId, string listingId)
    {
        lock (_structure) RemoveWatch(connectionId, listingId);
    }

    public void Disconnected(string connectionId)
    {
        Connection? connection;
        lock (_structure)
        {
            if (!_connections.TryRemove(connectionId, out connection)) return;
            foreach (var listingId in connection.Listings.ToArray()) RemoveWatch(connectionId, listingId);
        }
        connection.Close();
    }

    /// <summary>Removes one watch, and the listing's entry with its last watch (no empty entries are kept).</summary>
    private void RemoveWatch(string connectionId, string listingId)
    {
        if (_connections.TryGetValue(connectionId, out var connection)) connection.Listings.Remove(listingId);
        if (!_byListing.TryGetValue(listingId, out var watches) || !watches.TryRemove(connectionId, out _)) return;
        _watches--;
        if (watches.IsEmpty) _byListing.TryRemove(listingId, out _);
    }

    public int WatcherCount(string listingId) => _byListing.TryGetValue(listingId, out var w) ? w.Count : 0;

    /// <summary>Watches held by this gateway (one per connection and listing): the <c>auction.live.watchers</c> gauge.</summary>
    public int Watches => Volatile.Read(ref _watches);

    /// <summary>The sizes of the fan-out's dictionaries, for tests that check memory follows what is watched.</summary>
    internal (int Listings, int Connections, int Watches, int GapFills) Footprint() =>
        (_byListing.Count, _connections.Count, _byListing.Values.Sum(w => w.Count), _gapFills.Count);

    private async Task Dispatch(CancellationToken stopping)
    {
        try
        {
            await foreach (var e in _incoming.Reader.ReadAllAsync(stopping))
            {
                if (!_byListing.TryGetValue(e.ListingId, out var watches)) continue;
                var outgoing = new OutgoingEvent(e.Seq, new SerializedHubMessage(new InvocationMessage(nameof(IListingsClient.ListingEvent), [e])));
                foreach (var watch in watches.Values) watch.Offer(outgoing);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads the events after <paramref name="afterSeq"/> back from the listing (one read per listing at a time).</summary>
    private void RequestGapFill(string listingId, long afterSeq)
    {
        var started = new TaskCompletionSource();
        if (!_gapFills.TryAdd(listingId, started.Task)) return;
        _ = Task.Run(async () =>
        {
            try
            {
                var outcome = await grains.GetGrain<IListingGrain>(listingId).GetEvents(afterSeq, 1000);
                if (outcome.Value is { } events) Published(listingId, events);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not read missing events of {Listing} after {Seq}", listingId, afterSeq);
            }
            finally
            {
                _gapFills.TryRemove(listingId, out _);
                started.SetResult();
            }
        });
    }

    /// <summary>One connection watching one listing: holds events until its snapshot is known, then passes each seq once, in order.</summary>
    public sealed class Watch(Connection connection, string listingId, Action<string, long> requestGapFill)
    {
        private readonly object _gate = new();
        private readonly SortedDictionary<long, OutgoingEvent> _pending = [];
        private long? _delivered;

        public string ListingId { get; } = listingId;

        public void Restart()
        {
            lock (_gate)
            {
                _delivered = null;
                _pending.Clear();
            }
        }

        public void Offer(OutgoingEvent e)
        {
            lock (_gate)
            {
                if (e.Seq <= _delivered) return; // in the snapshot's history, or sent already
                if (e.Seq == _delivered + 1 && _pending.Count == 0)
                {
                    // The common case, in order with nothing held back: straight through, nothing allocated per watcher.
                    _delivered = e.Seq;
                    connection.Send(e.Message);
                    return;
                }
                _pending[e.Seq] = e;
                if (_delivered is not null) Drain();
            }
        }

        public void Complete(long snapshotSeq)
        {
            lock (_gate)
            {
                _delivered = snapshotSeq;
                Drain();
            }
        }

        private void Drain()
        {
            foreach (var seq in _pending.Keys.Where(s => s <= _delivered).ToArray()) _pending.Remove(seq);
            while (_pending.Remove(_delivered!.Value + 1, out var next))
            {
                _delivered = next.Seq;
                connection.Send(next.Message);
            }
            if (_pending.Count > 0) requestGapFill(ListingId, _delivered!.Value);
        }
    }

    /// <summary>
    /// One hub connection's side of the fan-out. In sync, an event's shared serialized bytes are written at once (the
    /// write only copies them into the connection's pipe). When a write does not finish at once (the client reads
    /// slowly, or another message holds the connection's write lock) the connection lags: later events wait in its
    /// ordered outbox and its own catch-up loop writes them after the pending one, then it is in sync again.
    /// </summary>
    public sealed class Connection(string id, HubConnectionContext hub, Action abort, Action<string> forget, ILogger logger)
    {
        private readonly Lock _gate = new();
        private readonly Queue<SerializedHubMessage> _outbox = new();
        private bool _lagging;
        private bool _closed;

        /// <summary>The listings this connection watches (guarded by the fan-out's structure lock).</summary>
        public HashSet<string> Listings { get; } = new(StringComparer.Ordinal);

        public void Send(SerializedHubMessage message)
        {
            Task? pending = null;
            var overflow = false;
            lock (_gate)
            {
                if (_closed) return;
                if (_lagging)
                {
                    overflow = _outbox.Count >= OutboxCapacity;
                    if (!overflow) _outbox.Enqueue(message);
                }
                else
                {
                    var write = hub.WriteAsync(message);
                    if (write.IsCompletedSuccessfully) return;
                    _lagging = true;
                    pending = write.AsTask();
                }
            }
            if (overflow)
            {
                logger.LogWarning("Watcher {Connection} is too slow; disconnecting it so it resyncs", id);
                Drop();
            }
            else if (pending is not null) _ = CatchUp(pending);
        }

        public void Close()
        {
            lock (_gate)
            {
                _closed = true;
                _outbox.Clear();
            }
        }

        /// <summary>Waits for the write that did not finish, then writes the outbox in order until it is empty.</summary>
        private async Task CatchUp(Task pending)
        {
            try
            {
                await pending;
                while (true)
                {
                    SerializedHubMessage? next;
                    lock (_gate)
                    {
                        if (_closed || !_outbox.TryDequeue(out next))
                        {
                            _lagging = false;
                            return;
                        }
                    }
                    await hub.WriteAsync(next);
                }
            }
            catch (Exception ex)
            {
                logger.LogInformation(ex, "Live stream to {Connection} failed; disconnecting it so it resyncs", id);
                Drop();
            }
        }

        /// <summary>Ends the connection: its client reconnects and watches again from its last seq.</summary>
        private void Drop()
        {
            Close();
            forget(id);
            abort();
        }
    }

    /// <summary>One event on its way to the watchers: its seq and its invocation, serialized once per protocol.</summary>
    public readonly record struct OutgoingEvent(long Seq, SerializedHubMessage Message);
}
