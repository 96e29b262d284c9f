using System.Net;
using System.Text.Json;

namespace Auction.Cluster.Tests.Infrastructure;

/// <summary>An accepted bid as the client saw it acknowledged.</summary>
public sealed record Ack(long Seq, decimal Amount, string RequestId, DateTime SeenAt);

/// <summary>
/// Bids streaming into one listing through one gateway: two bidders alternate, each bid one increment above the
/// last acknowledged one, every unknown outcome retried with its requestId until definitive.
/// </summary>
public sealed class BidStream(HttpApi api, string listingId, string[] bidderTokens, decimal start, decimal increment)
{
    private readonly List<Ack> _acks = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public IReadOnlyList<Ack> Acks
    {
        get
        {
            lock (_acks) return _acks.ToArray();
        }
    }

    public void Start() => _loop = Task.Run(Loop);

    public async Task<IReadOnlyList<Ack>> StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        return Acks;
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> bids are acknowledged.</summary>
    public async Task WaitForAcks(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Acks.Count < count)
        {
            if (_loop is { IsFaulted: true }) await _loop;
            if (DateTime.UtcNow > until) throw new TimeoutException($"only {Acks.Count} of {count} bids acknowledged within {timeout}");
            await Task.Delay(100);
        }
    }

    private async Task Loop()
    {
        var amount = start;
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var requestId = $"stream-{i}";
            var (status, body) = await api.BidUntilDefinitive(listingId, bidderTokens[i % bidderTokens.Length], amount, requestId, TimeSpan.FromSeconds(90));
            if (status != HttpStatusCode.Created)
                throw new InvalidOperationException($"bid {requestId} of {amount} was refused: {(int)status} {body}");
            lock (_acks) _acks.Add(new Ack(body.GetProperty("seq").GetInt64(), body.GetProperty("amount").GetDecimal(), requestId, DateTime.UtcNow));
            amount += increment;
            await Task.Delay(20);
        }
    }
}

/// <summary>What the stored record must show after any fault: each acknowledged bid once, gapless seq, a valid chain.</summary>
public static class RecordChecks
{
    public static async Task AssertEveryAckIsLoggedOnce(HttpApi api, string regulatorToken, string listingId, IReadOnlyList<Ack> acks)
    {
        var record = await api.Get($"/api/regulator/listings/{listingId}/record", regulatorToken);
        var events = record.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(1, events.Length).Select(i => (long)i), events.Select(e => e.GetProperty("seq").GetInt64()));

        var bids = events.Where(e => e.GetProperty("type").GetString() == "bidAccepted")
            .Select(e => (Seq: e.GetProperty("seq").GetInt64(), Data: JsonSerializer.Deserialize<JsonElement>(e.GetProperty("data").GetString()!)))
            .ToArray();
        Assert.Equal(acks.Count, bids.Length);
        foreach (var ack in acks)
        {
            var logged = Assert.Single(bids, b => b.Data.GetProperty("requestId").GetString() == ack.RequestId);
            Assert.Equal((ack.Seq, ack.Amount), (logged.Seq, logged.Data.GetProperty("amount").GetDecimal()));
        }

        var verify = await api.Get($"/api/regulator/listings/{listingId}/record/verify", regulatorToken);
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(events.Length, verify.GetProperty("events").GetInt64());
    }
}
