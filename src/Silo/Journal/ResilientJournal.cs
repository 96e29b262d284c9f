using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Simmy;
using Polly.Timeout;

namespace Auction.Silo.Journal;

/// <summary>Settings under <c>Auction:Resilience:Store</c> for calls to the journal store.</summary>
public sealed class StoreResilienceSettings
{
    /// <summary>
    /// How long one read or append may take before it counts as failed (outcome unknown for an append). With
    /// the retries, the worst case (≈ 3 × 2 s) stays inside the gateway's call budget (10 s), so a sick store
    /// answers with a definite failure rather than the gateway's "outcome unknown".
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);
    public int MaxRetries { get; set; } = 2;

    /// <summary>The circuit opens when this share of calls failed within <see cref="SamplingDuration"/> …</summary>
    public double FailureRatio { get; set; } = 0.5;
    public int MinimumThroughput { get; set; } = 10;
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>… and then fails every call at once for this long (bids get a fast, retryable 503).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Faults injected into store calls (Polly's chaos strategies). Off unless a test or a drill turns it on;
/// never configured in production, where the host registers <see cref="Never"/> and the store pipeline has no
/// chaos strategies at all (they cost two async layers per call).
/// </summary>
public sealed class JournalChaos
{
    /// <summary>A switch that can be turned on while the system runs (tests and drills hold one).</summary>
    public JournalChaos() : this(canInject: true) { }

    private JournalChaos(bool canInject) => CanInject = canInject;

    /// <summary>No faults, ever: the store pipeline is built without chaos strategies.</summary>
    public static JournalChaos Never { get; } = new(canInject: false);

    public bool CanInject { get; }

    public bool Enabled { get; set; }

    /// <summary>Delay added before an append reaches the store (the write still happens).</summary>
    public TimeSpan AppendLatency { get; set; }

    /// <summary>Share of calls that fail with a store error before reaching the store.</summary>
    public double FaultRate { get; set; }
}

/// <summary>
/// The journal store as grains use it: every call runs through one Polly pipeline — retry (only what is safe
/// to repeat), a circuit breaker for a sick store, and a per-attempt time budget. An append is safe to repeat
/// because it is version-checked: when a retry finds the stream moved on, the store is read back, and if it
/// holds exactly this batch the earlier attempt did land and the append succeeded.
/// </summary>
public sealed class ResilientJournal : IJournalStore
{
    private readonly IJournalStore _store;
    private readonly ResiliencePipeline _pipeline;

    public ResilientJournal(IJournalStore store, StoreResilienceSettings settings, JournalChaos chaos)
    {
        _store = store;
        var transient = new PredicateBuilder().Handle<StoreUnavailableException>().Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = settings.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
            })
            .AddTimeout(settings.AttemptTimeout);
        if (chaos.CanInject)
        {
            builder.AddChaosFault(new() { EnabledGenerator = _ => ValueTask.FromResult(chaos.Enabled && chaos.FaultRate > 0), InjectionRateGenerator = _ => ValueTask.FromResult(chaos.FaultRate), FaultGenerator = _ => ValueTask.FromResult<Exception?>(new StoreUnavailableException("injected store fault")) });
            builder.AddChaosLatency(new() { EnabledGenerator = args => ValueTask.FromResult(chaos.Enabled && chaos.AppendLatency > TimeSpan.Zero && args.Context.Properties.TryGetValue(IsAppend, out var append) && append), InjectionRate = 1, Latency = chaos.AppendLatency, LatencyGenerator = _ => ValueTask.FromResult(chaos.AppendLatency) });
        }
        _pipeline = builder.Build();
    }

    private static readonly ResiliencePropertyKey<bool> IsAppend = new("auction.journal.append");

    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(string streamId, long afterSeq, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async ct => await _store.ReadAsync(streamId, afterSeq, ct), cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or BrokenCircuitException)
        {
            throw new StoreUnavailableException($"The journal store did not answer a read of {streamId}: {ex.Message}", ex);
        }
    }

    public async Task AppendAsync(string streamId, long expectedSeq, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        using var appendTiming = Observability.JournalMetrics.TimeAppend(streamId);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(IsAppend, true);
        var attempts = 0;
        try
        {
            await _pipeline.ExecuteAsync(async ctx =>
            {
                if (++attempts == 1)
                {
                    await _store.AppendAsync(streamId, expectedSeq, entries, ctx.CancellationToken);
                    return;
                }
                try
                {
                    await _store.AppendAsync(streamId, expectedSeq, entries, ctx.CancellationToken);
                }
                catch (JournalConflictException)
                {
                    // An earlier attempt ended with an unknown outcome: if its batch is there, it succeeded.
                    var stored = await _store.ReadAsync(streamId, expectedSeq, ctx.CancellationToken);
                    if (!stored.Take(entries.Count).SequenceEqual(entries)) throw;
                }
            }, context);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or BrokenCircuitException)
        {
            throw new StoreUnavailableException($"The journal store did not confirm the append to {streamId}; the outcome is unknown: {ex.Message}", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
