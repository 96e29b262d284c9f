using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auction.Gateway.Tests.Infrastructure;
using Auction.Silo.Journal;
using Auction.TestSupport;

namespace Auction.Gateway.Tests.Records;

/// <summary>
/// A regulator verifies a downloaded record offline with the gateway binary as a real process:
/// <c>dotnet Auction.Gateway.dll verify --record record.json --public-key key.pem</c> exits 0 when valid, 1 when
/// invalid (even after the file was edited and rehashed consistently), 2 on bad usage.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OfflineVerifyTests(GatewayFactory factory) : IDisposable
{
    private readonly ApiDriver _api = new(factory);
    private readonly string _folder = Directory.CreateTempSubdirectory("auction-verify-").FullName;

    [Fact]
    public async Task A_downloaded_record_verifies_offline_and_a_tampered_copy_does_not()
    {
        var (listingId, firstBidSeq) = await new RecordEndpointsTests(factory).ClosedListing();
        var regulator = await _api.Regulator();
        var recordJson = await (await regulator.Client.GetAsync($"/api/regulator/listings/{listingId}/record")).Content.ReadAsStringAsync();
        var keysJson = await (await _api.Anonymous.GetAsync("/api/checkpoint-keys")).Content.ReadAsStringAsync();
        var pem = JsonDocument.Parse(keysJson).RootElement[0].GetProperty("publicKeyPem").GetString()!;
        var record = Write("record.json", recordJson);
        var key = Write("key.pem", pem);

        var valid = await RunVerify("--record", record, "--public-key", key);
        Assert.True(valid.Exit == 0, valid.Output);
        Assert.StartsWith($"VALID: listing {listingId}", valid.Output);
        Assert.Equal(0, (await RunVerify("--record", record, "--public-key", Write("keys.json", keysJson))).Exit);

        // The first bid raised by 1 yuan and every hash recomputed: the chain is consistent, but not what was signed.
        var rehashed = await RunVerify("--record", Write("rehashed.json", Tamper(recordJson, events =>
        {
            var bid = events[(int)firstBidSeq - 1]!;
            bid["data"] = bid["data"]!.GetValue<string>().Replace("\"amount\":1000", "\"amount\":1001", StringComparison.Ordinal);
        })), "--public-key", key);
        Assert.True(rehashed.Exit == 1, rehashed.Output);
        Assert.StartsWith($"INVALID: listing {listingId}: headMismatch", rehashed.Output);

        var truncated = await RunVerify("--record", Write("truncated.json", Tamper(recordJson, events => events.RemoveAt(events.Count - 1))), "--public-key", key);
        Assert.True(truncated.Exit == 1, truncated.Output);
        Assert.Contains("shorterThanSignedHead", truncated.Output);

        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var wrongKey = await RunVerify("--record", record, "--public-key", Write("other.pem", other.ExportSubjectPublicKeyInfoPem()));
        Assert.True(wrongKey.Exit == 1, wrongKey.Output);
        Assert.Contains("unknownKey", wrongKey.Output);
    }

    [Fact]
    public async Task Bad_usage_exits_2_with_the_usage()
    {
        var key = Write("key.pem", ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfoPem());
        foreach (var args in new[]
        {
            Array.Empty<string>(),
            ["--record", Path.Combine(_folder, "missing.json"), "--public-key", key],
            ["--record", Write("not-a-record.json", "{\"hello\":1}"), "--public-key", key],
            ["--record", Write("garbage.json", "not json"), "--public-key", key],
            ["--record", Write("empty-record.json", "{\"listingId\":\"L1\",\"events\":[]}"), "--public-key", Write("not-a-key.pem", "hello")],
            ["--record", key, "--unknown"],
        })
        {
            var run = await RunVerify(args);
            Assert.True(run.Exit == 2, $"{string.Join(' ', args)}: {run.Output}");
            Assert.Contains("usage: Auction.Gateway verify", run.Output);
        }
    }

    /// <summary>Edits the record's events and recomputes every hash, as someone holding the file could.</summary>
    private static string Tamper(string recordJson, Action<JsonArray> edit)
    {
        var record = JsonNode.Parse(recordJson)!;
        var events = record["events"]!.AsArray();
        edit(events);
        var prev = HashChain.Genesis;
        foreach (var e in events)
        {
            var hash = HashChain.Compute(prev, e!["seq"]!.GetValue<long>(), e["type"]!.GetValue<string>(), e["at"]!.GetValue<DateTimeOffset>(), e["data"]!.GetValue<string>());
            (e["prevHash"], e["hash"], prev) = (prev, hash, hash);
        }
        return record.ToJsonString();
    }

    private string Write(string name, string contents)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, contents);
        return path;
    }

    private static async Task<(int Exit, string Output)> RunVerify(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [ServiceProcess.BuiltDll("src/Gateway", "Auction.Gateway"), "verify", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
