using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Silo.Catalog;
using Auction.Contracts.Sealing;
using Auction.Silo.Hosting;
using Auction.Silo.Methods;
using Auction.Silo.Journal;
using Auction.Silo.Records;
using Auction.Silo.Registration;
using Auction.Silo.Sealing;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Listing;

/// <summary>
/// One parcel's sale, whatever its method (the engine asks the method's decider). Non-reentrant: Orleans turn order is
/// the bid order (R-BID-08). Every command first records any transition that is due by server time (so a late timer
/// changes nothing), then decides with <see cref="ListingEngine"/>, appends durably, and only then answers and
/// publishes the public events.
/// A reminder (survives restarts) plus a grain timer (second precision) drive the deadlines. The chain head is
/// signed into the listing's checkpoint stream at publication, at the end, and every N events or T seconds; the
/// reserve and a lottery's secret are sealed before they reach the journal. The cap stage's commands are in
/// <c>ListingGrain.CapStage.cs</c>.
/// </summary>
[GrainType("listing")]
public sealed partial class ListingGrain(
    ResilientJournal store,
    ListingEngine engine,
    AuctionClock clock,
    IListingEventSink sink,
    CheckpointSigner signer,
    CheckpointSettings checkpointSettings,
    Sealer sealer,
    CountdownWarningSettings warningSettings,
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
    private IGrainTimer? _checkpointTimer;
    private CheckpointLog? _checkpoints;
    private CountdownWarnings? _warnings;

    private string ListingId => this.GetPrimaryKeyString();

    public static string StreamOf(string listingId) => $"listing/{listingId}";

    protected override string StreamId => StreamOf(ListingId);

    private CheckpointLog Checkpoints => _checkpoints ??= new CheckpointLog(Store, ListingId);

    /// <summary>The context the reserve is sealed for: a sealed reserve copied to another listing does not open.</summary>
    private string ReserveContext => $"listing/{ListingId}/reserve";

    /// <summary>The context a lottery's secret is sealed for (ARCHITECTURE §3a), until <c>lotteryDrawn</c> reveals it.</summary>
    private string LotterySecretContext => $"listing/{ListingId}/lottery-secret";

    /// <summary>A regulator must still be able to see where a damaged record breaks, so the listing activates read-only.</summary>
    protected override bool ActivatesOnCorruptedJournal => true;

    /// <summary>
    /// The stored stream is trusted only if it verifies against its latest checkpoint (a deleted tail or a rewritten
    /// and rehashed history is a corrupted journal) and folds by the listing rules; an unsigned tail is fine.
    /// </summary>
    protected override async Task<RecordBreak?> CheckStored(IReadOnlyList<JournalEntry> stored, CancellationToken cancellationToken)
    {
        await Checkpoints.Load(cancellationToken);
        var verdict = RecordVerifier.Verify(new RecordEvidence(ListingId, stored, Checkpoints.Latest, CheckpointStreamBrokenAtSeq: Checkpoints.BrokenAtSeq), signer.Keyring);
        return verdict.Reason == VerifyReasons.NoCheckpoint ? null : RecordVerifier.BreakOf(verdict);
    }

    /// <summary>Only the sealed forms of the reserve and of a lottery's secret are stored (and hashed).</summary>
    protected override ListingEvent ToStored(ListingEvent evt) => evt switch
    {
        ReserveSealed { ReservePrice: { } reserve } r => r with { ReservePrice = null, Sealed = sealer.SealAmount(ReserveContext, reserve) },
        ListingPublished { LotterySecret: { } secret } p => p with { LotterySecret = null, SealedLotterySecret = sealer.Seal(LotterySecretContext, Convert.FromHexString(secret)) },
        _ => evt,
    };

    protected override ListingEvent FromStored(ListingEvent evt) => evt switch
    {
        ReserveSealed { Sealed: { } value } r => r with { ReservePrice = sealer.OpenAmount(ReserveContext, value) },
        ListingPublished { SealedLotterySecret: { } value } p => p with { LotterySecret = Convert.ToHexStringLower(sealer.Open(LotterySecretContext, value)) },
        _ => evt,
    };

    protected override void Apply(JournalEntry entry, ListingEvent evt)
    {
        _state.Apply(entry, evt);
        _publicEvents.Add(ListingProjections.ToPublic(ListingId, entry, evt));
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        // Reminders kept in memory do not survive a restart: an open listing registers its own again.
        if (_state.IsPublished && !_state.IsEnded && Corruption is null) await this.RegisterOrUpdateReminder(DeadlineReminder, ReminderPeriod, ReminderPeriod);
        ScheduleDeadlineTimer();
        TrackCountdown();
        // Events recorded after the last checkpoint (e.g. before a crash) are signed soon; the history up to the
        // signed head was just verified.
        ScheduleCheckpoint();
    }

    public Task<Outcome<ListingSnapshot>> Publish(PublishListing command) => Guarded(async now =>
    {
        // A capped sale may commit to a secret (the lottery): 32 bytes from the cryptographic RNG, never from the clock.
        var secret = command.PriceCap is null ? null : System.Security.Cryptography.RandomNumberGenerator.GetBytes(Methods.Caps.Lottery.LotteryDraw.SecretBytes);
        var (events, rejection) = engine.Publish(_state, ListingId, command, now, secret);
        if (rejection is not null) return rejection;
        if (events.Length > 0)
        {
            await Record(now, events);
            await this.RegisterOrUpdateReminder(DeadlineReminder, ReminderPeriod, ReminderPeriod);
            await CatchUp(now);
        }
        return Outcome<ListingSnapshot>.Success(ListingProjections.Snapshot(ListingId, _state, now, engine.MinNextBid(_state)));
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
        await Record(now, decision.Events);
        return Outcome<BidReceipt>.Success(Receipt(_state.BidByRequest(command.BidderId, command.RequestId)!));
    });

    public Task<Outcome<Done>> ChangeIncrement(CentreActor actor, decimal increment, string reason) =>
        Command(now => engine.ChangeIncrement(_state, actor, increment, reason, now));

    public Task<Outcome<BidReceipt>> PlaceFloorBid(CentreActor actor, FloorBid command) => Guarded(async now =>
    {
        var decision = engine.FloorBid(_state, actor, command, now);
        if (decision.Replay is { } replay) return Outcome<BidReceipt>.Success(Receipt(replay) with { Replayed = true });
        if (decision.Rejection is { } rejection) return rejection;
        await Record(now, decision.Events);
        return Outcome<BidReceipt>.Success(Receipt(_state.FloorBidByRequest(command.RequestId)!));
    });

    public Task<Outcome<ListingResult>> Hammer(CentreActor actor) => Guarded(async now =>
    {
        var (closed, rejection) = engine.Hammer(_state, actor, now);
        if (rejection is not null) return rejection;
        await Record(now, closed!);
        return Outcome<ListingResult>.Success(ListingProjections.Result(_state)!);
    });

    public Task<Outcome<string>> QualifyBidder(QualifyBidder command) => Guarded(async now =>
    {
        var (evt, existing, rejection) = engine.Qualify(_state, command);
        if (rejection is not null) return rejection;
        if (evt is not null) await Record(now, evt);
        return Outcome<string>.Success(existing ?? evt!.BidderNo);
    });

    public Task<Outcome<ListingSnapshot>> GetSnapshot() =>
        Query(now => Outcome<ListingSnapshot>.Success(ListingProjections.Snapshot(ListingId, _state, now, engine.MinNextBid(_state))));

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

    /// <summary>The record, also of a damaged journal: then up to its break, which it reports.</summary>
    public async Task<Outcome<RegulatorRecord>> GetRecord(bool withRelatedStreams)
    {
        if (await CaughtUpUnlessCorrupted() is { } refused) return refused;
        try
        {
            var (registration, accounts, boxes) = withRelatedStreams ? await ReadRelatedStreams() : ([], NoStreams, NoStreams);
            return Outcome<RegulatorRecord>.Success(ListingProjections.Record(ListingId, _state, Entries, Checkpoints.Latest, registration, accounts, Corruption, boxes));
        }
        catch (StoreUnavailableException ex)
        {
            return StoreUnavailable(ex);
        }
    }

    /// <summary>Verifies the record as stored now (not this activation's memory), with its related streams.</summary>
    public async Task<Outcome<ChainVerification>> VerifyRecord()
    {
        if (!_state.IsPublished && Corruption is null) return ListingEngine.NotFound();
        try
        {
            var stored = await Store.ReadAsync(StreamId, 0);
            var checkpoints = new CheckpointLog(Store, ListingId);
            await checkpoints.Load();
            var (registration, accounts, boxes) = await ReadRelatedStreams();
            var evidence = new RecordEvidence(ListingId, stored, checkpoints.Latest, registration, accounts, checkpoints.BrokenAtSeq, boxes);
            return Outcome<ChainVerification>.Success(RecordVerifier.Verify(evidence, signer.Keyring));
        }
        catch (StoreUnavailableException ex)
        {
            return StoreUnavailable(ex);
        }
    }

    /// <summary>The latest signed head; served even when the journal is damaged (it is what outsiders compare against).</summary>
    public async Task<Outcome<SignedCheckpoint>> GetCheckpoint()
    {
        if (await CaughtUpUnlessCorrupted() is { } refused) return refused;
        return Checkpoints.Latest is { } latest
            ? Outcome<SignedCheckpoint>.Success(latest)
            : new Rejection(RejectionCodes.CheckpointNotFound, $"No chain head of listing {ListingId} is signed yet; it is signed within {checkpointSettings.EverySeconds} seconds.");
    }

    /// <summary>
    /// For reads that also serve a damaged journal: records due transitions first when the journal is sound (so a
    /// listing past its deadline shows, and signs, its close); refuses only an unknown listing or a store failure.
    /// </summary>
    private async Task<Rejection?> CaughtUpUnlessCorrupted()
    {
        if (Corruption is not null) return null;
        var caughtUp = await Guarded(_ => Task.FromResult(Outcome<Done>.Success(Done.Value)));
        if (!caughtUp.IsSuccess) return caughtUp.Rejection;
        return _state.IsPublished ? null : ListingEngine.NotFound();
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> NoStreams = new Dictionary<string, IReadOnlyList<JournalEntry>>();

    /// <summary>
    /// The registration stream, the deposit-account streams of its applications, and the streams of the sealed boxes the
    /// sale has opened (only those: a box is part of the record from its opening on), read from the store.
    /// </summary>
    private async Task<(IReadOnlyList<JournalEntry> Registration, IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> Accounts,
        IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> Boxes)> ReadRelatedStreams()
    {
        var registration = await Store.ReadAsync(ListingRegistrationGrain.StreamOf(ListingId), 0);
        var accounts = new Dictionary<string, IReadOnlyList<JournalEntry>>(StringComparer.Ordinal);
        foreach (var account in RecordVerifier.DepositAccountsOf(registration))
            accounts[account] = await Store.ReadAsync(DepositAccountGrain.StreamOf(account), 0);
        var boxes = new Dictionary<string, IReadOnlyList<JournalEntry>>(StringComparer.Ordinal);
        foreach (var opened in _state.OpenedBoxes)
            boxes[opened.Box] = await Store.ReadAsync(Sealing.Box.SealedBoxGrain.StreamOf(SealedBoxes.KeyOf(ListingId, opened.Box)), 0);
        return (registration, accounts, boxes);
    }

    public Task<Outcome<RegistrationTerms>> GetRegistrationTerms() => Query(_ =>
    {
        var d = _state.Definition!;
        return Outcome<RegistrationTerms>.Success(new RegistrationTerms(ListingId, d.CentreId, d.ApplicationDeadline, d.DepositDeadline, d.Deposit, _state.Status));
    });

    public Task<string?> GetBidderNo(string bidderId) => Task.FromResult(_state.QualifiedBidder(bidderId)?.BidderNo);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        // A read-only (corrupted) listing records nothing; a restored one registers its reminder again on activation.
        if (!_state.IsPublished || _state.IsEnded || Corruption is not null)
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

    /// <summary>
    /// Records every transition that is due by <paramref name="now"/>, one durable append each: a sealed box whose
    /// deadline passed is opened first (the box grain records its opening; the sale records what its decider makes
    /// of the opened items), then the timed transitions.
    /// </summary>
    private async Task CatchUp(DateTimeOffset now)
    {
        while (true)
        {
            if (engine.OpeningDue(_state, now) is { } opening)
            {
                var opened = await Box(opening.Box).Open(opening.At);
                if (!opened.IsSuccess) throw new StoreUnavailableException($"box {opening.Box} of {ListingId} did not open: {opened.Rejection!.Message}");
                await Record(now, engine.Opened(_state, opening, opened.Value!));
                continue;
            }
            if (engine.DueTransition(_state, now) is not { } transition) return;
            await Record(now, transition);
        }
    }

    /// <summary>A sealed box of this sale (listing → box only: the box never calls back).</summary>
    private ISealedBoxGrain Box(string box) => GrainFactory.GetGrain<ISealedBoxGrain>(SealedBoxes.KeyOf(ListingId, box));

    private async Task<IReadOnlyList<JournalEntry>> Record(DateTimeOffset now, params ListingEvent[] events)
    {
        var statusBefore = _state.IsPublished ? _state.Status : (ListingStatus?)null;
        var entries = await Raise(now, events);
        sink.Published(ListingId, _publicEvents.GetRange(_publicEvents.Count - entries.Count, entries.Count));
        if (_state.Status != statusBefore) await UpdateCatalog(now);
        if (_state.IsEnded) await StopReminder();
        ScheduleDeadlineTimer();
        TrackCountdown();
        // Publication, the end and the result notice are signed at once; otherwise every EveryEvents events, or by the timer.
        if (events.Any(e => e is ListingPublished or ListingClosed or ListingTerminated or ResultNoticePublished) || Version - SignedSeq >= checkpointSettings.EveryEvents)
            await SignHead();
        else ScheduleCheckpoint();
        return entries;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _warnings?.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Points the hub's countdown warnings at the running countdown, if any (none on a read-only journal).</summary>
    private void TrackCountdown()
    {
        var deadline = Corruption is null ? engine.CountdownDeadline(_state) : null;
        if (deadline is null && _warnings is null) return;
        (_warnings ??= new CountdownWarnings(ListingId, sink, clock, warningSettings.Seconds)).Track(deadline);
    }

    private long SignedSeq => Checkpoints.Latest?.Seq ?? 0;

    /// <summary>
    /// Signs the current head into the checkpoint stream. A failure never fails the command that recorded the
    /// events (they are durable already): the timer tries again.
    /// </summary>
    private async Task SignHead()
    {
        if (Corruption is not null || Version <= SignedSeq)
        {
            StopCheckpointTimer();
            return;
        }
        try
        {
            var now = clock.Now;
            await Checkpoints.Append(signer.Sign(ListingId, Version, HeadHash, now), now);
            StopCheckpointTimer();
        }
        catch (Exception ex) when (ex is StoreUnavailableException or JournalConflictException or JournalCorruptedException)
        {
            logger.LogWarning(ex, "Listing {Listing}: the checkpoint at seq {Seq} was not stored; the timer retries", ListingId, Version);
            ScheduleCheckpoint();
        }
    }

    /// <summary>While events are unsigned, a timer signs them at the latest <c>EverySeconds</c> after.</summary>
    private void ScheduleCheckpoint()
    {
        if (_checkpointTimer is not null || Corruption is not null || Version <= SignedSeq) return;
        var every = TimeSpan.FromSeconds(Math.Max(1, checkpointSettings.EverySeconds));
        _checkpointTimer = this.RegisterGrainTimer(SignHead, new GrainTimerCreationOptions { DueTime = every, Period = every, KeepAlive = true });
    }

    private void StopCheckpointTimer()
    {
        _checkpointTimer?.Dispose();
        _checkpointTimer = null;
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
        var due = _state.IsPublished && !_state.IsEnded && !_state.IsSuspended && Corruption is null ? _state.Deadline : null;
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
        if (Corruption is { } broken)
            return new Rejection(RejectionCodes.JournalCorrupted,
                $"The record of listing {ListingId} fails verification ({broken.Reason}{(broken.Seq is { } seq ? $" at seq {seq}" : "")}); it is read-only until operators restore it.",
                ServerTime: clock.Now);
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
        new(bid.Seq, ListingId, bid.Fact.BidderNo, bid.Fact.Amount, bid.Fact.At, bid.Fact.Phase, bid.Deadline, Hash: bid.Hash, Channel: bid.Channel);
}
