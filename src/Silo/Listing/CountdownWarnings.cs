using Auction.Contracts.Live;
using Auction.Silo.Hosting;

namespace Auction.Silo.Listing;

/// <summary>Settings under <c>Auction:Live</c> read by the silo: the seconds before a countdown deadline at which watchers are warned.</summary>
public sealed class CountdownWarningSettings
{
    public const string Section = "Auction:Live";

    private static readonly int[] Default = [60, 30, 10];

    /// <summary>Configured points (e.g. <c>Auction:Live:WarningSeconds:0=60</c>); unset: 60, 30, 10 (DOMAIN J2: three warnings in the last minute).</summary>
    public int[]? WarningSeconds { get; set; }

    public IReadOnlyList<int> Seconds => WarningSeconds is { Length: > 0 } configured ? configured : Default;
}

/// <summary>
/// The hub's countdown warnings of one listing (API.md v2 <c>CountdownWarning</c>): while a countdown runs, a timer on the
/// auction clock fires at each configured point still ahead of the deadline (a point already reached when the countdown
/// starts, e.g. 60 s of a 60 s countdown, is skipped: the bid event that started it says as much) and hands the warning
/// to the sink. Warnings are not events: nothing is recorded, and a deadline that moves (a new bid) or stops (the close,
/// a suspension) replaces the timer. The timer runs outside the grain's turn and touches only what it was given.
/// </summary>
public sealed class CountdownWarnings(string listingId, IListingEventSink sink, AuctionClock clock, IReadOnlyList<int> seconds) : IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private DateTimeOffset? _deadline;
    private int _version;

    /// <summary>Follows the current countdown deadline (null: no countdown runs).</summary>
    public void Track(DateTimeOffset? deadline)
    {
        lock (_gate)
        {
            if (deadline == _deadline) return;
            _deadline = deadline;
            _version++;
            _timer?.Dispose();
            _timer = null;
            if (deadline is { } due && NextPoint(due, clock.Now, seconds) is { } first) Schedule(due, first, _version);
        }
    }

    public void Dispose() => Track(null);

    /// <summary>The next point after <paramref name="now"/>: the largest number of seconds whose instant is still ahead.</summary>
    public static int? NextPoint(DateTimeOffset deadline, DateTimeOffset now, IReadOnlyList<int> seconds)
    {
        int? next = null;
        foreach (var point in seconds)
            if (point > 0 && deadline.AddSeconds(-point) > now && (next is null || point > next)) next = point;
        return next;
    }

    private void Schedule(DateTimeOffset deadline, int remaining, int version)
    {
        var due = deadline.AddSeconds(-remaining) - clock.Now;
        _timer = clock.Time.CreateTimer(_ => Fire(deadline, remaining, version), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Sends one warning and sets the next, smaller point. A timer that fired late still sends its warning (with the
    /// deadline in it, the client sees the true remaining time) unless the deadline itself has passed.
    /// </summary>
    private void Fire(DateTimeOffset deadline, int remaining, int version)
    {
        lock (_gate)
        {
            if (version != _version) return; // the deadline moved since this timer was set
            _timer?.Dispose();
            _timer = null;
            var now = clock.Now;
            if (now >= deadline) return;
            sink.CountdownWarning(new CountdownWarning(listingId, remaining, deadline, now));
            if (seconds.Where(s => s > 0 && s < remaining).DefaultIfEmpty().Max() is > 0 and var next) Schedule(deadline, next, version);
        }
    }
}
