using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace Auction.Bench.Live;

/// <summary>
/// The watcher generator: many SignalR .NET client connections (WebSockets, no negotiate round trip) held by the
/// harness process. Connections are opened in parallel but throttled, and each one binds its own loopback source
/// address (127.0.0.2 … 127.0.0.17 in turn), so 10k+ connections to one server port never run out of ephemeral
/// ports (about 28k per source address), TIME_WAIT leftovers of earlier runs included. The open-file limit
/// (<c>ulimit -n</c>) cannot be raised from .NET: it is inherited from the shell; <see cref="ConnectReport"/> says
/// how many connections were really established and why the others failed.
/// </summary>
public sealed class WatcherPool : IAsyncDisposable
{
    public const int SourceAddresses = 16;

    private readonly string _hubUrl;
    private readonly HttpMessageInvoker _invoker;
    private readonly ConcurrentBag<HubConnection> _connections = [];
    private int _nextSource;
    private int _dropped;
    private int _disposed;

    private readonly bool _messagePack;

    /// <param name="messagePack">Connect with SignalR's MessagePack hub protocol (stock options) instead of JSON.</param>
    public WatcherPool(string hubUrl, bool messagePack = false)
    {
        (_hubUrl, _messagePack) = (hubUrl, messagePack);
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = ConnectFromNextSource,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            UseProxy = false,
        });
    }

    /// <summary>Connections established and not yet closed by the pool.</summary>
    public int Count => _connections.Count;

    /// <summary>Connections that closed on their own (server drop, timeout) after being established.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>The connections currently connected.</summary>
    public int Connected => _connections.Count(c => c.State == HubConnectionState.Connected);

    /// <summary>
    /// Opens <paramref name="count"/> more connections, <paramref name="parallelism"/> at a time. For each,
    /// <paramref name="configure"/> registers handlers before the start, and <paramref name="started"/> (e.g. a
    /// <c>Watch</c> call) runs after it; a connection counts as established when both succeed. Stops early after
    /// <paramref name="maxFailures"/> failures (a limit was hit; going on only repeats the error).
    /// </summary>
    public async Task<ConnectReport> Add(int count, Action<HubConnection, int> configure, Func<HubConnection, int, Task>? started,
        int parallelism, int maxFailures, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var first = _connections.Count;
        var established = 0;
        var failed = 0;
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = stop.Token },
                async (index, token) =>
                {
                    var connection = Build();
                    try
                    {
                        configure(connection, index);
                        await connection.StartAsync(token);
                        if (started is not null) await started(connection, index);
                        connection.Closed += _ =>
                        {
                            if (Volatile.Read(ref _disposed) == 0) Interlocked.Increment(ref _dropped);
                            return Task.CompletedTask;
                        };
                        _connections.Add(connection);
                        Interlocked.Increment(ref established);
                    }
                    catch (Exception ex)
                    {
                        await connection.DisposeAsync();
                        if (token.IsCancellationRequested) return; // stopped early: not a failure of its own
                        errors.AddOrUpdate(Describe(ex), 1, (_, n) => n + 1);
                        if (Interlocked.Increment(ref failed) >= maxFailures) await stop.CancelAsync();
                    }
                });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        return new ConnectReport(count, established, failed, clock.Elapsed, errors.OrderByDescending(e => e.Value).ToDictionary(e => e.Key, e => e.Value));
    }

    /// <summary>Stops every connection (throttled) and waits until they are closed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        var all = _connections.ToArray();
        _connections.Clear();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (connection, _) =>
        {
            try
            {
                await connection.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception)
            {
            }
            await connection.DisposeAsync();
        });
        _invoker.Dispose();
    }

    private HubConnection Build()
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(_hubUrl, HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                options.WebSocketFactory = OpenWebSocket;
            });
        var connection = (_messagePack ? builder.AddMessagePackProtocol() : builder).Build();
        // Thousands of connections on one generator core: a late ping must not count as a dead server.
        connection.ServerTimeout = TimeSpan.FromMinutes(3);
        connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        return connection;
    }

    private async ValueTask<WebSocket> OpenWebSocket(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // SignalR pings on its own
        try
        {
            await socket.ConnectAsync(context.Uri, _invoker, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async ValueTask<Stream> ConnectFromNextSource(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var source = new IPAddress([127, 0, 0, (byte)(2 + (uint)Interlocked.Increment(ref _nextSource) % SourceAddresses)]);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // IP_BIND_ADDRESS_NO_PORT: choose the port at connect time by the whole 4-tuple, not at bind time.
                try
                {
                    socket.SetRawSocketOption(0, 24, BitConverter.GetBytes(1));
                }
                catch (SocketException)
                {
                }
            }
            socket.Bind(new IPEndPoint(source, 0));
            var remote = IPAddress.TryParse(context.DnsEndPoint.Host, out var ip)
                ? new IPEndPoint(ip, context.DnsEndPoint.Port)
                : (EndPoint)context.DnsEndPoint;
            await socket.ConnectAsync(remote, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A short, groupable reason: the innermost socket error (e.g. TooManyOpenFiles = EMFILE) or exception.</summary>
    private static string Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is SocketException socket) return $"SocketException {socket.SocketErrorCode}: {socket.Message}";
        var inner = ex.GetBaseException();
        var message = inner.Message.Length > 160 ? inner.Message[..160] : inner.Message;
        return $"{inner.GetType().Name}: {message}";
    }
}

/// <summary>How an <see cref="WatcherPool.Add"/> went: requested, established, failed and the failure reasons.</summary>
public sealed record ConnectReport(int Requested, int Established, int Failed, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Errors)
{
    /// <summary>Whether a failure looks like the open-file limit (EMFILE/ENFILE) or port exhaustion.</summary>
    public bool HitFileLimit => Errors.Keys.Any(k => k.Contains("TooManyOpenFiles", StringComparison.Ordinal) || k.Contains("Too many open files", StringComparison.OrdinalIgnoreCase));

    public bool HitPortLimit => Errors.Keys.Any(k => k.Contains("AddressNotAvailable", StringComparison.Ordinal) || k.Contains("AddressAlreadyInUse", StringComparison.Ordinal));

    public override string ToString() =>
        $"{Established}/{Requested} established in {Elapsed.TotalSeconds:0.0} s, {Failed} failed" +
        (Errors.Count == 0 ? "" : ": " + string.Join("; ", Errors.Take(3).Select(e => $"{e.Value}× {e.Key}"))) +
        (HitFileLimit ? " [open-file limit: raise `ulimit -n` in the shell that starts the harness]" : "") +
        (HitPortLimit ? " [ephemeral ports exhausted]" : "");
}
