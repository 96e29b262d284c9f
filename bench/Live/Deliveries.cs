using System.Diagnostics;
using Auction.Bench.Core;
using Auction.Bench.Profiling;

namespace Auction.Bench.Live;

/// <summary>
/// Fan-out latency in the generator's clock: message <c>i</c> has a planned send time (fixed schedule,
/// <see cref="Stopwatch"/> timestamp) and belongs to a step (a watcher count N); every receipt by every watcher
/// records <c>receive − planned</c> in that step's histogram and counts towards the step's expected N × messages.
/// Warm-up messages (step −1) are delivered but not recorded. Each message's first and last receipt are kept too, so a
/// step's latency divides into the wait for the first watcher (the path to the server's send) and the spread from the
/// first watcher to the last (the fan-out itself): <see cref="StepMetrics"/>.
/// </summary>
public sealed class Deliveries
{
    private readonly long[] _planned;
    private readonly int[] _step;
    private readonly long[] _received;
    private readonly long[] _firstReceipt;
    private readonly long[] _lastReceipt;
    private readonly long[] _sendDone;
    private long _unknown;

    public Deliveries(int messages, int steps)
    {
        _planned = new long[messages];
        _step = new int[messages];
        _received = new long[steps];
        _firstReceipt = new long[messages];
        _lastReceipt = new long[messages];
        _sendDone = new long[messages];
        Latencies = Enumerable.Range(0, steps).Select(_ => new Latencies()).ToArray();
    }

    public int Messages => _planned.Length;

    public IReadOnlyList<Latencies> Latencies { get; }

    /// <summary>Receipts of messages that were never planned (must stay 0).</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    public long Received(int step) => Interlocked.Read(ref _received[step]);

    /// <summary>Call before sending message <paramref name="message"/>: its planned time and step.</summary>
    public void Plan(int message, int step, long plannedTimestamp)
    {
        _step[message] = step;
        Volatile.Write(ref _planned[message], plannedTimestamp);
    }

    /// <summary>A watcher got <paramref name="message"/> at <paramref name="timestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Receive(long message, long timestamp)
    {
        var planned = message >= 0 && message < _planned.Length ? Volatile.Read(ref _planned[message]) : 0;
        if (planned == 0)
        {
            Interlocked.Increment(ref _unknown);
            return;
        }
        var step = _step[message];
        if (step < 0) return;
        Latencies[step].Record(Stopwatch.GetElapsedTime(planned, timestamp));
        Interlocked.Increment(ref _received[step]);
        KeepEarliest(ref _firstReceipt[message], timestamp);
        KeepLatest(ref _lastReceipt[message], timestamp);
    }

    /// <summary>
    /// A step's figures under <paramref name="watchers"/>: the latency percentiles over every receipt, the lost
    /// receipts, and per message: the send's own time (<c>sent_*</c>: planned → the send answered: a bid acknowledged,
    /// a broadcast call returned), the wait for its first watcher (<c>first_*</c>: planned → first receipt) and its
    /// spread to the last (<c>spread_*</c>: first → last receipt), each as median and worst over the step's messages,
    /// with the worst message's place in the step (<c>*_max_at</c>, 0 = its first message).
    /// </summary>
    public IEnumerable<(string Name, double Value)> StepMetrics(int step, int watchers, long expected)
    {
        var latencies = Latencies[step];
        yield return (LiveSizes.Metric("p50_ms", watchers), latencies.Ms(50));
        yield return (LiveSizes.Metric("p99_ms", watchers), latencies.Ms(99));
        yield return (LiveSizes.Metric("p999_ms", watchers), latencies.Ms(99.9));
        yield return (LiveSizes.Metric("max_ms", watchers), latencies.MaxMs);
        yield return (LiveSizes.Metric("lost", watchers), expected - Received(step));
        var messages = Enumerable.Range(0, Messages).Where(m => _step[m] == step && _firstReceipt[m] != 0).ToArray();
        if (messages.Length == 0) yield break;
        var sent = messages.Where(m => _sendDone[m] != 0).ToArray();
        if (sent.Length > 0)
            foreach (var figure in MedianAndWorst("sent", sent, m => Stopwatch.GetElapsedTime(_planned[m], _sendDone[m]))) yield return figure;
        foreach (var figure in MedianAndWorst("first", messages, m => Stopwatch.GetElapsedTime(_planned[m], _firstReceipt[m]))) yield return figure;
        foreach (var figure in MedianAndWorst("spread", messages, m => Stopwatch.GetElapsedTime(_firstReceipt[m], _lastReceipt[m]))) yield return figure;

        // Median and worst over the messages, and the worst one's place in the step (0 = the step's first message).
        IEnumerable<(string, double)> MedianAndWorst(string name, int[] of, Func<int, TimeSpan> measure)
        {
            var ordered = of.Select(m => (Message: m, Ms: measure(m).TotalMilliseconds)).OrderBy(x => x.Ms).ToArray();
            yield return (LiveSizes.Metric($"{name}_p50_ms", watchers), ordered[ordered.Length / 2].Ms);
            yield return (LiveSizes.Metric($"{name}_max_ms", watchers), ordered[^1].Ms);
            yield return (LiveSizes.Metric($"{name}_max_at", watchers), Array.IndexOf(messages, ordered[^1].Message));
        }
    }

    private static void KeepEarliest(ref long slot, long timestamp)
    {
        for (var seen = Volatile.Read(ref slot); seen == 0 || timestamp < seen; seen = Volatile.Read(ref slot))
            if (Interlocked.CompareExchange(ref slot, timestamp, seen) == seen) return;
    }

    private static void KeepLatest(ref long slot, long timestamp)
    {
        for (var seen = Volatile.Read(ref slot); timestamp > seen; seen = Volatile.Read(ref slot))
            if (Interlocked.CompareExchange(ref slot, timestamp, seen) == seen) return;
    }

    /// <summary>
    /// Sends messages <paramref name="first"/>…<paramref name="first"/>+<paramref name="count"/>−1 of
    /// <paramref name="step"/> at <paramref name="ratePerSecond"/> on a fixed schedule. <paramref name="send"/> is
    /// awaited when <paramref name="sequential"/> (bids must keep their order; a slow send delays the next one but
    /// not its planned time), otherwise started and collected. Returns the number of failed sends.
    /// </summary>
    public async Task<int> SendOnSchedule(int first, int count, int step, double ratePerSecond, bool sequential, Func<int, Task<bool>> send, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = 0;
        var inFlight = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var planned = start + (long)(i / ratePerSecond * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), planned);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, cancellationToken);
            var message = first + i;
            Plan(message, step, planned);
            var sending = Guarded(send, message);
            if (sequential) await sending;
            else inFlight.Add(sending);
        }
        await Task.WhenAll(inFlight);
        return Volatile.Read(ref failed);

        async Task Guarded(Func<int, Task<bool>> operation, int message)
        {
            try
            {
                if (await operation(message))
                {
                    Volatile.Write(ref _sendDone[message], Stopwatch.GetTimestamp());
                    return;
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
            }
            Interlocked.Increment(ref failed);
        }
    }

    /// <summary>Polls <paramref name="done"/> until true or <paramref name="timeout"/>; returns whether it became true.</summary>
    public static async Task<bool> WaitUntil(Func<bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > timeout) return false;
            await Task.Delay(50, cancellationToken);
        }
        return true;
    }
}

/// <summary>The sizes B3 and S4 share, so each S4 step has its B3 twin at the same N.</summary>
public static class LiveSizes
{
    /// <summary>Watcher counts N (BENCHMARKS.md: 1k / 5k / 10k on one gateway); a few in Smoke.</summary>
    public static int[] Watchers(BenchContext context) => context.Size == BenchSize.Full ? [1_000, 5_000, 10_000] : [50];

    /// <summary>The N the goals name (Full sizes).</summary>
    public static readonly int[] FullWatchers = [1_000, 5_000, 10_000];

    /// <summary>Messages (broadcasts, bids) per step.</summary>
    public static int MessagesPerStep(BenchContext context) => MessagesPerStep(context.Size);

    /// <summary>The same by size (the reports read it back from a result's configuration).</summary>
    public static int MessagesPerStep(BenchSize size) => size == BenchSize.Full ? 30 : 10;

    /// <summary>
    /// Messages per second: a few per second, as bids arrive in a busy auction round. At 10k watchers 2/s is 20k
    /// deliveries/s, about what one generator core can receive and parse (gen_cpu_pct shows how close it is).
    /// </summary>
    public static double Rate(BenchContext context) => context.Scale(2, 20);

    /// <summary>Unrecorded messages before the first step (JIT, first-use costs).</summary>
    public const int WarmUp = 5;

    /// <summary>How long to wait for a step's last deliveries after its last send.</summary>
    public static TimeSpan Drain(int watchers) => TimeSpan.FromSeconds(10 + watchers / 500.0);

    public const int ConnectParallelism = 200;

    public static string Metric(string name, int watchers) => $"{name}_{watchers}";

    /// <summary>
    /// When <c>AUCTION_BENCH_PROFILE</c> asks for traces (bench/profile-s3.sh … live), a trace of one step's sends and
    /// receipts: the given server processes and the generator itself, which holds the watchers. Null otherwise.
    /// </summary>
    public static ServerProfile? Trace(BenchContext context, string id, int messages, double rate, IEnumerable<(string Name, int Pid)> servers) =>
        ServerProfile.Tracing
            ? ServerProfile.Start(context, id, TimeSpan.FromSeconds(Math.Ceiling(messages / rate) + 2), [.. servers, ("generator", Environment.ProcessId)])
            : null;
}
