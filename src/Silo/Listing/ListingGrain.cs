using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Catalog;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Listing;

/// <summary>
/// One parcel listing. Non-reentrant: Orleans turn order is the bid order (R-BID-08). Every command first
/// records any transition that is due by server time (so a late timer changes nothing), then decides with
/// <see cref="ListingEngine"/>, appends durably, and only then answers and publishes the public events.
/// A reminder (survives restarts) plus a grain timer (second precision) drive the deadlines.
/// </summary>
[GrainType("listing")]
public sealed class ListingGrain(
    ResilientJournal store,
    ListingEngine engine,
    AuctionClock clock,
    IListingEventSink sink,
    ILogger<ListingGrain> logger)
    : EventSourcedGrain<ListingEvent>(store, logger), IListingGrain, IRemindable
{
    private const string DeadlineReminder = "deadlines";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMinutes(30);

    private readonly ListingState _state = new();
    private readonly List<PublicListingEvent> _publicEvents = [];
    private readonly RecentRejections _rejections = new(capacity: 10_000);
    private IGrainTimer? _deadlineTimer;
    private DateTimeOffset? _timerDue;

    private string ListingId => this.GetPrimaryKeyString();

    protected override string StreamId => $"listing/{ListingId}";

    /// <summary>A regulator must still be able to see where a damaged record breaks, so the listing activates read-only.</summary>
    protected override bool ActivatesOnCorruptedJournal => true;

    protected override void Apply(JournalEntry entry, ListingEvent evt)
    {
        _state.Apply(entry, evt);
        _publicEvents.Add(ListingProjections.ToPublic(ListingId, entry, evt));
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        // Reminders kept in memory do not survive a restart: an open listing registers its own again.
        if (_state.IsPublished && !_state.IsEnded) await this.RegisterOrUpdateReminder(DeadlineReminder, ReminderPeriod, ReminderPeriod);
        ScheduleDeadlineTimer();
    }

    public Task<Outcome<ListingSnapshot>> Publish(PublishListing command) => Guarded(async now =>
    {
        var (events, rejection) = engine.Publish(_state, ListingId, command, now);
        if (rejection is not null) return rejection;
        if (events.Length > 0)
        {
            await Record(now, events);
            await this.RegisterOrUpdateReminder(DeadlineReminder, ReminderPeriod, ReminderPeriod);
            await CatchUp(now);
        }
        return Outcome<ListingSnapshot>.Success(ListingProjections.Snapshot(ListingId, _state, now));
    });

    public Task<Outcome<Done>> SealReserve(CentreActor actor, decimal reservePrice) =>
        Command(now => engine.SealReserve(_state, actor, reservePrice, now));

    public Task<Outcome<Done>> Suspend(CentreActor actor, string reason) =>
        Command(_ => engine.Suspend(_state, actor, reason));

    public Task<Outcome<Done>> Resume(CentreActor actor) =>
        Command(now => engine.Resume(_state, actor, now));

    public Task<Outcome<Done>> Terminate(CentreActor actor, string reason) =>
        Command(_ => engine.Terminate(_state, actor, reason));

    public Task<Outcome<BidReceipt>> PlaceBid(PlaceBid command) => Guarded(async now =>
    {
        if (_rejections.Find(command) is { } earlierRejection) return earlierRejection;
        var decision = engine.Bid(_state, command, now);
        if (decision.Replay is { } replay) return Outcome<BidReceipt>.Success(Receipt(replay) with { Replayed = true });
        if (decision.Rejection is { } rejection)
        {
            _rejections.Remember(command, rejection);
            return rejection;
        }
        var entries = await Record(now, decision.Accepted!);
        return Outcome<BidReceipt>.Success(Receipt(_state.BidByRequest(command.BidderId, command.RequestId)!) with { Seq = entries[0].Seq });
    });

    public Task<Outcome<string>> QualifyBidder(QualifyBidder command) => Guarded(async now =>
    {
        var (evt, existing, rejection) = engine.Qualify(_state, command);
        if (rejection is not null) return rejection;
        if (evt is not null) await Record(now, evt);
        return Outcome<string>.Success(existing ?? evt!.BidderNo);
    });

    public Task<Outcome<ListingSnapshot>> GetSnapshot() =>
        Query(now => Outcome<ListingSnapshot>.Success(ListingProjections.Snapshot(ListingId, _state, now)));

    public Task<Outcome<IReadOnlyList<PublicListingEvent>>> GetEvents(long afterSeq, int limit) => Query(_ =>
    {
        // seq n is at index n-1: the public stream shares the journal's gapless sequence.
        IReadOnlyList<PublicListingEvent> events = _publicEvents.Skip((int)Math.Clamp(afterSeq, 0, _publicEvents.Count)).Take(Math.Clamp(limit, 1, 1000)).ToArray();
        return Outcome<IReadOnlyList<PublicListingEvent>>.Success(events);
    });

    public Task<Outcome<IReadOnlyList<PublicBid>>> GetBids(long afterSeq, int limit) => Query(_ =>
    {
        IReadOnlyList<PublicBid> bids = _state.Bids.Where(b => b.Seq > afterSeq).Take(Math.Clamp(limit, 1, 1000)).Select(ListingProjections.ToPublic).ToArray();
        return Outcome<IReadOnlyList<PublicBid>>.Success(bids);
    });

    public Task<Outcome<ListingResult>> GetResult() => Query(now =>
        ListingProjections.Result(_state) is { } result
            ? Outcome<ListingResult>.Success(result)
            : new Rejection(RejectionCodes.NotClosed, $"The listing is {_state.StatusName}; there is no result yet.", ServerTime: now));

    public Task<Outcome<RegulatorRecord>> GetRecord() =>
        Query(_ => Outcome<RegulatorRecord>.Success(ListingProjections.Record(_state, Entries)));

    public async Task<Outcome<ChainVerification>> VerifyRecord()
    {
        if (!_state.IsPublished && CorruptedAtSeq is null) return ListingEngine.NotFound();
        try
        {
            var (count, brokenAt, head) = await VerifyStoredChain();
            return Outcome<ChainVerification>.Success(new ChainVerification(brokenAt is null, count, brokenAt is null ? head : null, brokenAt));
        }
        catch (StoreUnavailableException ex)
        {
            return StoreUnavailable(ex);
        }
    }

    public Task<Outcome<RegistrationTerms>> GetRegistrationTerms() => Query(_ =>
    {
        var d = _state.Definition!;
        return Outcome<RegistrationTerms>.Success(new RegistrationTerms(ListingId, d.CentreId, d.ApplicationDeadline, d.DepositDeadline, d.Deposit, _state.Status));
    });

    public Task<string?> GetBidderNo(string bidderId) => Task.FromResult(_state.QualifiedBidder(bidderId)?.BidderNo);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!_state.IsPublished || _state.IsEnded)
        {
            await StopReminder();
            return;
        }
        await OnDeadlineTick();
    }

    private async Task OnDeadlineTick()
    {
        try
        {
            await CatchUp(clock.Now);
        }
        catch (StoreUnavailableException ex)
        {
            logger.LogWarning(ex, "Listing {Listing}: deadline catch-up failed; the reminder retries", ListingId);
        }
        finally
        {
            ScheduleDeadlineTimer(fired: true);
        }
    }

    /// <summary>Records every transition that is due by <paramref name="now"/>, one durable append each.</summary>
    private async Task CatchUp(DateTimeOffset now)
    {
        while (engine.DueTransition(_state, now) is { } transition) await Record(now, transition);
    }

    private async Task<IReadOnlyList<JournalEntry>> Record(DateTimeOffset now, params ListingEvent[] events)
    {
        var statusBefore = _state.IsPublished ? _state.Status : (ListingStatus?)null;
        var entries = await Raise(now, events);
        sink.Published(ListingId, _publicEvents.GetRange(_publicEvents.Count - entries.Count, entries.Count));
        if (_state.Status != statusBefore) await UpdateCatalog(now);
        if (_state.IsEnded) await StopReminder();
        ScheduleDeadlineTimer();
        return entries;
    }

    private async Task UpdateCatalog(DateTimeOffset now)
    {
        var d = _state.Definition!;
        try
        {
            await GrainFactory.GetGrain<ICatalogGrain>(CatalogGrain.DefaultKey)
                .Upsert(new CatalogEntry(ListingId, d.CentreId, d.Parcel.Use, _state.Status, d.BiddingStartsAt, _state.BiddingEndsAt, now));
        }
        catch (Exception ex)
        {
            // The journal is the truth; a stale catalog entry is corrected by the next status change.
            logger.LogWarning(ex, "Listing {Listing}: catalog update failed", ListingId);
        }
    }

    /// <summary>
    /// Points the grain timer at the current deadline. A listing-phase bid leaves the deadline where it was, so the
    /// timer is only replaced when the deadline moved (or after it fired), not on every bid.
    /// </summary>
    private void ScheduleDeadlineTimer(bool fired = false)
    {
        var due = _state.IsPublished && !_state.IsEnded && !_state.IsSuspended ? _state.Deadline : null;
        if (!fired && _deadlineTimer is not null && due == _timerDue) return;
        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        _timerDue = due;
        if (due is null) return;
        var delay = due.Value - clock.Now;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxTimerDelay ? MaxTimerDelay : delay;
        _deadlineTimer = this.RegisterGrainTimer(OnDeadlineTick, new GrainTimerCreationOptions
        {
            DueTime = delay,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }

    private async Task StopReminder()
    {
        try
        {
            if (await this.GetReminder(DeadlineReminder) is { } reminder) await this.UnregisterReminder(reminder);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Listing {Listing}: could not remove its reminder; it stops itself on the next tick", ListingId);
        }
    }

    private Task<Outcome<Done>> Command(Func<DateTimeOffset, (ListingEvent? Event, Rejection? Rejection)> decide) => Guarded(async now =>
    {
        var (evt, rejection) = decide(now);
        if (rejection is not null) return rejection;
        await Record(now, evt!);
        await CatchUp(now);
        return Outcome<Done>.Success(Done.Value);
    });

    private Task<Outcome<T>> Query<T>(Func<DateTimeOffset, Outcome<T>> read) => Guarded(now =>
        Task.FromResult(_state.IsPublished ? read(now) : Outcome<T>.Fail(ListingEngine.NotFound())));

    /// <summary>Catches up on due transitions, runs the action, and turns a store failure into a retryable rejection.</summary>
    private async Task<Outcome<T>> Guarded<T>(Func<DateTimeOffset, Task<Outcome<T>>> action)
    {
        if (CorruptedAtSeq is { } broken)
            return new Rejection(RejectionCodes.JournalCorrupted, $"The record of listing {ListingId} fails its hash chain at seq {broken}; it is read-only until operators restore it.", ServerTime: clock.Now);
        try
        {
            var now = clock.Now;
            await CatchUp(now);
            return await action(now);
        }
        catch (StoreUnavailableException ex)
        {
            return StoreUnavailable(ex);
        }
    }

    private Rejection StoreUnavailable(StoreUnavailableException ex) =>
        new(RejectionCodes.StoreUnavailable, $"The journal store did not confirm the write; retry with the same requestId. ({ex.Message})", ServerTime: clock.Now);

    private BidReceipt Receipt(RecordedBid bid) =>
        new(bid.Seq, ListingId, bid.Fact.BidderNo, bid.Fact.Amount, bid.Fact.At, bid.Fact.Phase, bid.Deadline);
}
