using System.Net;
using System.Net.Sockets;

namespace Auction.Gateway.Limits;

/// <summary>The key anonymous traffic is limited by: the client's address (after trusted proxies, see <see cref="LimitsHosting"/>).</summary>
public static class ClientAddress
{
    /// <summary>
    /// IPv4 addresses as they are; IPv6 by their /64 prefix, since one subscriber usually holds a whole /64 and could
    /// otherwise take a fresh address (and a fresh bucket) per request.
    /// </summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
