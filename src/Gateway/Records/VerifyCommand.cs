using System.Text.Json;
using System.Text.RegularExpressions;
using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Silo.Journal;
using Auction.Silo.Records;

namespace Auction.Gateway.Records;

/// <summary>
/// <c>verify --record record.json --public-key key.pem</c>: verifies a regulator's record downloaded from
/// <c>GET /api/regulator/listings/{id}/record</c> offline, with the same <see cref="RecordVerifier"/> the server uses,
/// against checkpoint public keys obtained independently (a PEM file with one or more public keys, or the JSON of
/// <c>GET /api/checkpoint-keys</c>). Prints a verdict; exits 0 when valid, 1 when invalid, 2 on bad usage.
/// </summary>
public static partial class VerifyCommand
{
    public const int Valid = 0, Invalid = 1, BadUsage = 2;

    private const string Usage = """
        usage: Auction.Gateway verify --record <record.json> --public-key <key.pem> [--public-key <other.pem> …]
          --record       the JSON of GET /api/regulator/listings/{id}/record
          --public-key   checkpoint public keys: PEM (one or more -----BEGIN PUBLIC KEY----- blocks) or the JSON of GET /api/checkpoint-keys
        exit status: 0 valid, 1 invalid, 2 bad usage
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? recordPath = null;
        var keyPaths = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--record" when i + 1 < args.Length: recordPath = args[++i]; break;
                case "--public-key" when i + 1 < args.Length: keyPaths.Add(args[++i]); break;
                case "--help" or "-h":
                    output.WriteLine(Usage);
                    return BadUsage;
                default:
                    return Fail(error, $"unexpected argument '{args[i]}'");
            }
        }
        if (recordPath is null || keyPaths.Count == 0) return Fail(error, "both --record and --public-key are required");

        RecordFile record;
        try
        {
            record = JsonSerializer.Deserialize<RecordFile>(File.ReadAllText(recordPath), Json) ?? throw new JsonException("empty");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return Fail(error, $"cannot read the record {recordPath}: {ex.Message}");
        }
        var listingId = record.ListingId ?? record.Definition?.ListingId;
        if (listingId is null || record.Events is null) return Fail(error, $"{recordPath} is not a regulator record (no listingId or events)");
        var streams = new[] { record.Events, record.Registration ?? [] }.Concat((record.DepositAccounts ?? []).Select(a => a.Events ?? []))
            .Concat((record.Boxes ?? []).Select(b => b.Events ?? []));
        if (streams.SelectMany(e => e).Any(e => e is null || e.Type is null || e.Data is null || e.Hash is null || e.PrevHash is null))
            return Fail(error, $"{recordPath} is not a regulator record (an event lacks its type, data, hash or prevHash)");

        CheckpointKeyring keys;
        try
        {
            keys = new CheckpointKeyring(keyPaths.SelectMany(p => PublicKeys(File.ReadAllText(p))));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException)
        {
            return Fail(error, $"cannot read the public keys: {ex.Message}");
        }
        if (keys.Keys.Count == 0) return Fail(error, "no public key found in the --public-key files");

        // A record without boxes holds none: a listing that opened a box is then reported (boxMismatch), not let through.
        var evidence = new RecordEvidence(listingId, Entries(record.Events), record.Checkpoint, Entries(record.Registration ?? []),
            (record.DepositAccounts ?? []).ToDictionary(a => a.Account, a => (IReadOnlyList<JournalEntry>)Entries(a.Events ?? []), StringComparer.Ordinal),
            Boxes: (record.Boxes ?? []).ToDictionary(b => b.Box, b => (IReadOnlyList<JournalEntry>)Entries(b.Events ?? []), StringComparer.Ordinal));
        var verdict = RecordVerifier.Verify(evidence, keys);
        output.WriteLine(Describe(listingId, verdict, record, keys));
        return verdict.Valid ? Valid : Invalid;
    }

    private static string Describe(string listingId, ChainVerification v, RecordFile record, CheckpointKeyring keys)
    {
        var head = v.HeadHash is null ? "none" : v.HeadHash;
        if (!v.Valid)
        {
            var at = v.BrokenAtSeq is { } seq ? $" at seq {seq}" : "";
            return $"""
                INVALID: listing {listingId}: {v.Reason}{at} in {v.Stream}
                  {v.Detail}
                  events {v.Events}, head {head}, signed seq {(v.SignedSeq is { } signed ? signed : "none")}, signature valid {(v.SignatureValid is { } ok ? (ok ? "true" : "false") : "unknown")}
                """;
        }
        var unsigned = v.Events > v.SignedSeq ? $"; events {v.SignedSeq + 1}–{v.Events} are chained but not signed yet" : "";
        return $"""
            VALID: listing {listingId}: {v.Events} events, hash chain intact, head {head}
              signed head at seq {v.SignedSeq} by key {record.Checkpoint?.KeyId} (signature valid){unsigned}
              registration stream ({record.Registration?.Length ?? 0} entries) and {record.DepositAccounts?.Length ?? 0} deposit-account streams intact and consistent; {keys.Keys.Count} trusted key(s){Boxes(record)}
            """;
    }

    private static string Boxes(RecordFile record) =>
        record.Boxes is { Length: > 0 } boxes
            ? $"\n  sealed boxes opened: {string.Join(", ", boxes.Select(b => $"{b.Box} ({(b.Events?.Length ?? 1) - 1} items)"))}, each sealing the head the listing recorded"
            : "";

    private static int Fail(TextWriter error, string problem)
    {
        error.WriteLine($"verify: {problem}");
        error.WriteLine(Usage);
        return BadUsage;
    }

    /// <summary>PEM blocks in the text, or the <c>publicKeyPem</c> values of a <c>/api/checkpoint-keys</c> answer.</summary>
    private static IEnumerable<string> PublicKeys(string text)
    {
        if (text.TrimStart().StartsWith('['))
            return (JsonSerializer.Deserialize<CheckpointKey[]>(text, Json) ?? []).Select(k => k.PublicKeyPem);
        var blocks = PemBlock().Matches(text).Select(m => m.Value).ToArray();
        return blocks.Length > 0 ? blocks : throw new FormatException("no PEM block (-----BEGIN PUBLIC KEY-----) found");
    }

    private static JournalEntry[] Entries(IEnumerable<RecordEvent> events) =>
        events.Select(e => new JournalEntry(e.Seq, e.Type, e.At, e.Data, e.PrevHash, e.Hash)).ToArray();

    [GeneratedRegex("-----BEGIN [A-Z ]+-----.*?-----END [A-Z ]+-----", RegexOptions.Singleline)]
    private static partial Regex PemBlock();

    /// <summary>The parts of a regulator record a verification reads.</summary>
    private sealed record RecordFile(
        string? ListingId, DefinitionFile? Definition, RecordEvent[]? Events, SignedCheckpoint? Checkpoint,
        RecordEvent[]? Registration, DepositAccountFile[]? DepositAccounts, BoxFile[]? Boxes = null);

    private sealed record DefinitionFile(string? ListingId);

    private sealed record DepositAccountFile(string Account, RecordEvent[]? Events);

    private sealed record BoxFile(string Box, RecordEvent[]? Events);
}
