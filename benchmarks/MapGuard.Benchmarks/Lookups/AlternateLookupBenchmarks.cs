using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;

namespace MapGuard.Benchmarks.Lookups;

/// <summary>
/// Looking string keys up by <see cref="ReadOnlySpan{T}"/> of <see cref="char"/> (slices of one buffer, as a parser
/// has them), through each map's <c>GetAlternateLookup&lt;ReadOnlySpan&lt;char&gt;&gt;()</c>, against
/// <see cref="ConcurrentDictionary{TKey, TValue}"/>'s alternate lookup on the same keys (the baseline). Every row must
/// allocate nothing. Half the probes hit; the key shapes are the matrix's short and long strings.
/// Run: <c>dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*AlternateLookupBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
public class AlternateLookupBenchmarks
{
    private const int Keys = 16_384;
    private const int Probes = 1_024;

    private char[] _buffer = null!;
    private (int Start, int Length)[] _probes = null!;
    private ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _concurrentDictionary;
    private LockFreeMap<string, int>.AlternateLookup<ReadOnlySpan<char>> _lockFree;
    private ReadMostlyMap<string, int>.AlternateLookup<ReadOnlySpan<char>> _readMostly;
    private ShardedMap<string, int>.AlternateLookup<ReadOnlySpan<char>> _sharded;

    [Params("short", "long")]
    public string Shape { get; set; } = "short";

    [GlobalSetup]
    public void Setup()
    {
        var dictionary = new ConcurrentDictionary<string, int>();
        var lockFree = new LockFreeMap<string, int>();
        var readMostly = new ReadMostlyMap<string, int>();
        var sharded = new ShardedMap<string, int>();
        for (int i = 0; i < Keys; i++)
        {
            string key = KeyOf(i);
            dictionary[key] = i;
            lockFree[key] = i;
            readMostly[key] = i;
            sharded[key] = i;
        }

        foreach (KeyValuePair<string, int> entry in readMostly)
        {
            _ = entry; // enumeration promotes every key to the lock-free read table
        }

        // Probes: every other one a stored key, the rest absent, all copied into one buffer.
        var random = new Random(42);
        var text = new System.Text.StringBuilder();
        _probes = new (int, int)[Probes];
        for (int i = 0; i < Probes; i++)
        {
            string key = i % 2 == 0 ? KeyOf(random.Next(Keys)) : KeyOf(Keys + random.Next(Keys));
            _probes[i] = (text.Length, key.Length);
            text.Append(key);
        }

        _buffer = text.ToString().ToCharArray();
        _concurrentDictionary = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        _lockFree = lockFree.GetAlternateLookup<ReadOnlySpan<char>>();
        _readMostly = readMostly.GetAlternateLookup<ReadOnlySpan<char>>();
        _sharded = sharded.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Probes)]
    public int ConcurrentDictionary()
    {
        int sum = 0;
        foreach ((int start, int length) in _probes)
        {
            sum += _concurrentDictionary.TryGetValue(_buffer.AsSpan(start, length), out int value) ? value : 1;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Probes)]
    public int LockFreeMap()
    {
        int sum = 0;
        foreach ((int start, int length) in _probes)
        {
            sum += _lockFree.TryGetValue(_buffer.AsSpan(start, length), out int value) ? value : 1;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Probes)]
    public int ReadMostlyMap()
    {
        int sum = 0;
        foreach ((int start, int length) in _probes)
        {
            sum += _readMostly.TryGetValue(_buffer.AsSpan(start, length), out int value) ? value : 1;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Probes)]
    public int ShardedMap()
    {
        int sum = 0;
        foreach ((int start, int length) in _probes)
        {
            sum += _sharded.TryGetValue(_buffer.AsSpan(start, length), out int value) ? value : 1;
        }

        return sum;
    }

    private string KeyOf(int i) => Shape == "short"
        ? $"order-{i:D9}"
        : $"https://shop.example.com/catalog/c{i % 37}/item-{i:D8}?ref=home&lang=en";
}
