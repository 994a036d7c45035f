using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Servers;

/// <summary>A real server the tests run against: Garnet in this process, or a redis-server child process.</summary>
public interface ITestServer
{
    /// <summary>The product, for messages: "Garnet" or "redis-server".</summary>
    string Product { get; }

    /// <summary>The StackExchange.Redis configuration string, e.g. <c>127.0.0.1:40123</c>.</summary>
    string Configuration { get; }

    /// <summary>Skips the calling test with a clear message when the server cannot run on this machine.</summary>
    void SkipIfUnavailable();

    /// <summary>Opens a new connection (a new multiplexer: its own TCP connection to the server).</summary>
    ConnectionMultiplexer Connect(RedisMapOptions? options = null);
}
