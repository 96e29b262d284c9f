using System.Text.Json;
using StackExchange.Redis;

namespace Auction.Silo.Journal;

/// <summary>
/// The cluster's journal: one Redis list per stream (index = seq − 1), appended by a Lua script that checks
/// the length and pushes the batch in one atomic step. Durability comes from the server's configuration:
/// <c>appendonly yes</c> with <c>appendfsync always</c> (ARCHITECTURE §4; redis/redis.conf).
/// </summary>
public sealed class RedisJournalStore(IConnectionMultiplexer redis, string keyPrefix = "auction:journal:") : IJournalStore
{
    // KEYS[1] = stream list; ARGV[1] = expected length; ARGV[2..] = entries. Returns the length before the append.
    private static readonly LuaScript Append = LuaScript.Prepare("""
        local length = redis.call('LLEN', @stream)
        if length ~= tonumber(@expected) then return length end
        redis.call('RPUSH', @stream, unpack(cjson.decode(@entries)))
        return length
        """);

    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(string streamId, long afterSeq, CancellationToken cancellationToken = default)
    {
        try
        {
            var values = await redis.GetDatabase().ListRangeAsync(Key(streamId), afterSeq, -1).WaitAsync(cancellationToken);
            return values.Select(v => Decode(v!)).ToArray();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new StoreUnavailableException($"Redis read of {streamId} failed: {ex.Message}", ex);
        }
    }

    public async Task AppendAsync(string streamId, long expectedSeq, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalValidation.CheckBatch(streamId, expectedSeq, entries);
        RedisResult result;
        try
        {
            var encoded = JsonSerializer.Serialize(entries.Select(Encode).ToArray());
            result = await redis.GetDatabase().ScriptEvaluateAsync(Append, new { stream = Key(streamId), expected = expectedSeq, entries = encoded })
                .WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new StoreUnavailableException($"Redis append to {streamId} failed; the outcome is unknown: {ex.Message}", ex);
        }
        var before = (long)result;
        if (before != expectedSeq) throw new JournalConflictException(streamId, expectedSeq, before);
    }

    private RedisKey Key(string streamId) => keyPrefix + streamId;

    private static string Encode(JournalEntry e) =>
        JsonSerializer.Serialize(new StoredEntry(e.Seq, e.Type, e.At.UtcTicks, e.Data, e.PrevHash, e.Hash));

    private static JournalEntry Decode(string value)
    {
        var s = JsonSerializer.Deserialize<StoredEntry>(value) ?? throw new JsonException("empty journal entry");
        return new JournalEntry(s.Seq, s.Type, new DateTimeOffset(s.AtTicks, TimeSpan.Zero), s.Data, s.PrevHash, s.Hash);
    }

    private sealed record StoredEntry(long Seq, string Type, long AtTicks, string Data, string PrevHash, string Hash);
}
