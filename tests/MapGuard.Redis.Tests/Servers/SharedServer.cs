using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Servers;

/// <summary>
/// One server and one connection shared by a test assembly's suites. Each map gets a fresh name, so tests never see
/// each other's entries.
/// </summary>
public abstract class SharedServer : IDisposable
{
    private static long s_names;
    private readonly Lazy<ConnectionMultiplexer> _connection;

    protected SharedServer(ITestServer server)
    {
        Server = server;
        _connection = new Lazy<ConnectionMultiplexer>(() => server.Connect(Options));
    }

    public ITestServer Server { get; }

    /// <summary>Serializers for the suites' value types, through the test's source-generated JSON context.</summary>
    public RedisMapOptions Options { get; } = new() { Json = TestJsonContext.Default.Options };

    public IDatabase Database
    {
        get
        {
            Server.SkipIfUnavailable();
            return _connection.Value.GetDatabase();
        }
    }

    public static string NextName() => "t" + Interlocked.Increment(ref s_names).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public RedisMap<TKey, TValue> NewMap<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull =>
        new(Database, NextName(), Options, comparer);

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }

        (Server as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }
}
