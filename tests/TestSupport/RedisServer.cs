using System.Diagnostics;
using StackExchange.Redis;

namespace Auction.TestSupport;

/// <summary>
/// A real <c>redis-server</c> on a private loopback port with the product's durability settings (AOF,
/// fsync always), its files in a temp folder. Started and stopped by pid; <see cref="Kill"/> is kill -9.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("auction-redis-").FullName;
    private Process? _process;

    public int Port { get; } = FreePorts.Next();

    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=5000";

    /// <summary>Cores to pin the server to with taskset (benchmarks), or null.</summary>
    public string? Cpus { get; init; }

    public static async Task<RedisServer> StartAsync(string? cpus = null)
    {
        var server = new RedisServer { Cpus = cpus };
        await server.StartProcessAsync();
        return server;
    }

    public async Task StartProcessAsync()
    {
        string[] arguments =
            ["--bind", "127.0.0.1", "--port", Port.ToString(), "--dir", _directory, "--save", "", "--appendonly", "yes",
             "--appendfsync", "always", "--daemonize", "no", "--protected-mode", "yes"];
        var start = Cpus is null ? new ProcessStartInfo("redis-server", arguments) : new ProcessStartInfo("taskset", ["-c", Cpus, "redis-server", .. arguments]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed (apt-get install -y redis-server; .ci/run does it)", ex);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        for (var i = 0; i < 100; i++)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=true,connectTimeout=500");
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"redis-server did not answer on port {Port}");
    }

    /// <summary>kill -9: no shutdown, no final flush; only what fsync always wrote survives.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false }) _process.Kill();
        _process?.WaitForExit();
        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
