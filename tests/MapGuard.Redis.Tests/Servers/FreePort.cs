using System.Net;
using System.Net.Sockets;

namespace MapGuard.Redis.Tests.Servers;

/// <summary>Picks a free loopback port by binding port 0 and releasing it.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
