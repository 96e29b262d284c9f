using System.Net;
using System.Net.Sockets;

namespace Auction.TestSupport;

/// <summary>Free loopback ports for servers a test starts (never a fixed port: tests run in parallel).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
