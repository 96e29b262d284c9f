using Microsoft.Data.Sqlite;

namespace Auction.Silo.Journal;

/// <summary>
/// The embedded default's journal: one SQLite file, WAL mode, <c>synchronous=FULL</c> (an append is on disk
/// when it returns). The version check and the insert run in one <c>BEGIN IMMEDIATE</c> transaction, so two
/// appenders at the same version cannot both win.
/// </summary>
public sealed class SqliteJournalStore : IJournalStore
{
    private readonly string _connectionString;

    public SqliteJournalStore(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS journal (
                stream    TEXT    NOT NULL,
                seq       INTEGER NOT NULL,
                type      TEXT    NOT NULL,
                at_ticks  INTEGER NOT NULL,
                data      TEXT    NOT NULL,
                prev_hash TEXT    NOT NULL,
                hash      TEXT    NOT NULL,
                PRIMARY KEY (stream, seq)
            ) WITHOUT ROWID;
            """);
        FilePath = full;
    }

    public string FilePath { get; }

    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(string streamId, long afterSeq, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT seq, type, at_ticks, data, prev_hash, hash FROM journal WHERE stream = $stream AND seq > $after ORDER BY seq";
            command.Parameters.AddWithValue("$stream", streamId);
            command.Parameters.AddWithValue("$after", afterSeq);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var entries = new List<JournalEntry>();
            while (await reader.ReadAsync(cancellationToken))
                entries.Add(new JournalEntry(reader.GetInt64(0), reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                    reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            return entries;
        }
        catch (SqliteException ex)
        {
            throw new StoreUnavailableException($"SQLite read of {streamId} failed: {ex.Message}", ex);
        }
    }

    public async Task AppendAsync(string streamId, long expectedSeq, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalValidation.CheckBatch(streamId, expectedSeq, entries);
        try
        {
            await using var connection = Open();
            // Not deferred: BEGIN IMMEDIATE takes the write lock before the version is read.
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using (var version = connection.CreateCommand())
            {
                version.Transaction = transaction;
                version.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM journal WHERE stream = $stream";
                version.Parameters.AddWithValue("$stream", streamId);
                var actual = (long)(await version.ExecuteScalarAsync(cancellationToken))!;
                if (actual != expectedSeq) throw new JournalConflictException(streamId, expectedSeq, actual);
            }
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO journal (stream, seq, type, at_ticks, data, prev_hash, hash) VALUES ($stream, $seq, $type, $at, $data, $prev, $hash)";
                var parameters = new[] { "$stream", "$seq", "$type", "$at", "$data", "$prev", "$hash" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
                foreach (var e in entries)
                {
                    parameters[0].Value = streamId;
                    parameters[1].Value = e.Seq;
                    parameters[2].Value = e.Type;
                    parameters[3].Value = e.At.UtcTicks;
                    parameters[4].Value = e.Data;
                    parameters[5].Value = e.PrevHash;
                    parameters[6].Value = e.Hash;
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19) // constraint: a concurrent appender inserted the same seq
        {
            throw new JournalConflictException(streamId, expectedSeq, -1);
        }
        catch (SqliteException ex)
        {
            throw new StoreUnavailableException($"SQLite append to {streamId} failed: {ex.Message}", ex);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per connection: every commit is fsynced before it returns (no acknowledged bid lost on power failure).
        Execute(connection, "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
