using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Garnet;
using MapGuard.Benchmarks.Workloads;
using StackExchange.Redis;

namespace MapGuard.Redis.Benchmarks;

/// <summary>
/// 64 callers share one connection to an in-process Garnet server on loopback. Each invocation runs every caller's
/// fixed stream of operations at once; BenchmarkDotNet reports the time per operation. The baseline issues, through
/// StackExchange.Redis directly, exactly the commands RedisMap issues for the same calls (HGET, HSET, and for
/// AddOrUpdate an HGET followed by the same compare-and-set script, retried the same way), so the ratio is RedisMap's
/// own overhead: argument checks, serialization, fault translation.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class RedisMapVsRawClientBenchmarks
{
    /// <summary>Calls made by one invocation of either benchmark.</summary>
    public const int OperationsPerInvocation = Callers * OperationsPerCaller;

    private const int Callers = 64;
    private const int OperationsPerCaller = 250;
    private const int Keys = 1024;

    private const string CompareAndSet =
        "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then " +
        "redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) return 1 end " +
        "return 0";

    private GarnetServer? _server;
    private ConnectionMultiplexer? _connection;
    private IDatabase _database = null!;
    private RedisMap<long, long> _map = null!;
    private ParallelRunner _callers = null!;
    private long[][] _keys = null!;
    private bool[][] _isRead = null!;

    /// <summary>read: TryGetValue / HGET. write: indexer set / HSET. mixed-90: 90% reads. add-or-update: a counter increment.</summary>
    [Params("read", "write", "mixed-90", "add-or-update")]
    public string Workload { get; set; } = "read";

    [GlobalSetup]
    public void Setup()
    {
        int port = FreePort();
        _server = new GarnetServer(
        [
            "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--lua", "--lua-transaction-mode",
            "--device-type", "RandomAccess", "--index", "16m",
        ]);
        _server.Start();
        var options = new RedisMapOptions();
        _connection = ConnectionMultiplexer.Connect(RedisMapConnection.CreateConfiguration($"127.0.0.1:{port}", options));
        _database = _connection.GetDatabase();
        _map = new RedisMap<long, long>(_database, "bench", options);
        for (long key = 0; key < Keys; key++)
        {
            _map[key] = key;
        }

        var random = new Random(42);
        _keys = [.. Enumerable.Range(0, Callers).Select(_ => Enumerable.Range(0, OperationsPerCaller).Select(_ => (long)random.Next(Keys)).ToArray())];
        int readShare = Workload switch { "read" => 100, "mixed-90" => 90, _ => 0 };
        _isRead = [.. Enumerable.Range(0, Callers).Select(_ => Enumerable.Range(0, OperationsPerCaller).Select(_ => random.Next(100) < readShare).ToArray())];
        _callers = new ParallelRunner(Callers);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _callers.Dispose();
        _connection?.Dispose();
        _server?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvocation)]
    public void RawClient()
    {
        RedisKey hash = _map.ServerKey;
        bool counter = Workload == "add-or-update";
        _callers.Run(caller =>
        {
            long[] keys = _keys[caller];
            bool[] reads = _isRead[caller];
            for (int i = 0; i < keys.Length; i++)
            {
                RedisValue field = keys[i];
                if (counter)
                {
                    while (true)
                    {
                        RedisValue current = _database.HashGet(hash, field);
                        if (current.IsNull ? _database.HashSet(hash, field, 1, When.NotExists)
                            : (int)_database.ScriptEvaluate(CompareAndSet, [hash], [field, current, (long)current + 1]) == 1)
                        {
                            break;
                        }
                    }
                }
                else if (reads[i])
                {
                    _ = (long)_database.HashGet(hash, field);
                }
                else
                {
                    _database.HashSet(hash, field, keys[i]);
                }
            }
        });
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvocation)]
    public void RedisMap()
    {
        bool counter = Workload == "add-or-update";
        _callers.Run(caller =>
        {
            long[] keys = _keys[caller];
            bool[] reads = _isRead[caller];
            for (int i = 0; i < keys.Length; i++)
            {
                long key = keys[i];
                if (counter)
                {
                    _map.AddOrUpdate(key, 1, static (_, v) => v + 1);
                }
                else if (reads[i])
                {
                    _map.TryGetValue(key, out _);
                }
                else
                {
                    _map[key] = key;
                }
            }
        });
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
