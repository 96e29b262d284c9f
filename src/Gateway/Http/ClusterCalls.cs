using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Auction.Gateway.Http;

/// <summary>Settings under <c>Auction:Resilience:Calls</c> for gateway → cluster calls.</summary>
public sealed class CallResilienceSettings
{
    /// <summary>The whole time a request may spend on the cluster, retries included; then 503 with the outcome unknown.</summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>One attempt's share of the budget, so a hung call can still be retried within it.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(4);
    public int MaxRetries { get; set; } = 2;
    public double FailureRatio { get; set; } = 0.5;
    public int MinimumThroughput { get; set; } = 20;
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Every gateway → cluster call runs through a Polly pipeline with a time budget and a circuit breaker.
/// Only <see cref="Idempotent{T}"/> calls are retried: reads, and commands that carry their own idempotency
/// (a requestId, a bank transaction id, a deterministic listing id). Centre commands without one
/// (reserve, suspend, resume, terminate) go through <see cref="Once{T}"/>, never twice. A budget that runs
/// out leaves the outcome unknown: the caller gets <c>503 STORE_UNAVAILABLE</c> and retries with its requestId.
/// </summary>
public sealed class ClusterCalls
{
    private readonly ResiliencePipeline _retrying;
    private readonly ResiliencePipeline _once;

    public ClusterCalls(CallResilienceSettings settings)
    {
        var transient = new PredicateBuilder()
            .Handle<SiloUnavailableException>()
            .Handle<OrleansMessageRejectionException>()
            .Handle<TimeoutException>()
            .Handle<TimeoutRejectedException>();
        CircuitBreakerStrategyOptions Breaker() => new()
        {
            ShouldHandle = transient,
            FailureRatio = settings.FailureRatio,
            MinimumThroughput = settings.MinimumThroughput,
            BreakDuration = settings.BreakDuration,
        };
        // Outermost the whole budget; inside it the retries; the breaker sees every attempt, each with its own timeout.
        _retrying = new ResiliencePipelineBuilder()
            .AddTimeout(settings.Budget)
            .AddRetry(new RetryStrategyOptions { ShouldHandle = transient, MaxRetryAttempts = settings.MaxRetries, Delay = TimeSpan.FromMilliseconds(100), BackoffType = DelayBackoffType.Exponential, UseJitter = true })
            .AddCircuitBreaker(Breaker())
            .AddTimeout(settings.AttemptTimeout)
            .Build();
        _once = new ResiliencePipelineBuilder()
            .AddTimeout(settings.Budget)
            .AddCircuitBreaker(Breaker())
            .Build();
    }

    public Task<T> Idempotent<T>(Func<Task<T>> call, CancellationToken cancellationToken = default) => Run(_retrying, call, cancellationToken);

    public Task<T> Once<T>(Func<Task<T>> call, CancellationToken cancellationToken = default) => Run(_once, call, cancellationToken);

    private static async Task<T> Run<T>(ResiliencePipeline pipeline, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            // Orleans calls take no token: WaitAsync stops waiting; the call itself may still complete (unknown outcome).
            return await pipeline.ExecuteAsync(async ct => await call().WaitAsync(ct), cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or BrokenCircuitException)
        {
            throw new Silo.Journal.StoreUnavailableException($"The cluster did not answer in time: {ex.Message}", ex);
        }
    }
}
