using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Auction.Silo.Observability;

/// <summary>
/// The journal's share of the "Auction" meter: how long each durable append takes (retries included), recorded where
/// appends happen (<see cref="Journal.ResilientJournal"/>), so it is measured in whichever process hosts the grains —
/// the embedded gateway or a cluster silo. Static because the journal has no per-host state to hang it on; the
/// process's OpenTelemetry meter provider listens to the meter by name.
/// </summary>
public static class JournalMetrics
{
    private static readonly Meter Meter = new(AuctionTelemetry.MeterName);

    private static readonly Histogram<double> AppendDuration = Meter.CreateHistogram(
        "auction.journal.append.duration", "s",
        "Time to durably append one batch of events to the journal store, retries included.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AuctionTelemetry.LatencyBuckets });

    /// <summary>Starts timing one append; disposing records it, whatever the outcome.</summary>
    public static AppendTiming TimeAppend(string streamId) =>
        AppendDuration.Enabled ? new AppendTiming(StreamKind(streamId), Stopwatch.GetTimestamp()) : default;

    /// <summary>The kind of stream (the id up to its first <c>/</c>), a small fixed set — never the listing id itself.</summary>
    public static string StreamKind(string streamId)
    {
        var slash = streamId.IndexOf('/', StringComparison.Ordinal);
        var kind = slash < 0 ? streamId : streamId[..slash];
        return kind switch
        {
            "listing" => "listing",
            "registration" => "registration",
            "deposit-account" => "deposit-account",
            "catalog" => "catalog",
            "idempotency" => "idempotency",
            _ => "other",
        };
    }

    public readonly struct AppendTiming(string stream, long started) : IDisposable
    {
        public void Dispose()
        {
            if (stream is null) return;
            AppendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("stream", stream));
        }
    }
}
