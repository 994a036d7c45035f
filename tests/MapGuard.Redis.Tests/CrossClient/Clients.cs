using MapGuard.Redis.Tests.Servers;
using StackExchange.Redis;

namespace MapGuard.Redis.Tests.CrossClient;

/// <summary>
/// Several independent clients of one server: each has its own multiplexer (its own TCP connection), as separate
/// service instances would. Garnet runs each connection's commands on its own thread, so only separate connections make
/// its scripts and commands race on the server; calls over one multiplexer reach Garnet one at a time.
/// </summary>
public sealed class Clients : IDisposable
{
    private readonly ConnectionMultiplexer[] _connections;

    public Clients(ITestServer server, int count)
    {
        _connections = [.. Enumerable.Range(0, count).Select(_ => server.Connect())];
    }

    public int Count => _connections.Length;

    /// <summary>The map named <paramref name="name"/> as client <paramref name="client"/> sees it.</summary>
    public RedisMap<TKey, TValue> Map<TKey, TValue>(int client, string name)
        where TKey : notnull =>
        new(_connections[client].GetDatabase(), name);

    public void Dispose()
    {
        foreach (ConnectionMultiplexer connection in _connections)
        {
            connection.Dispose();
        }
    }
}
