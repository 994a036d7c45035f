using System.Diagnostics.Metrics;

namespace MapGuard.Tests.Flooding;

/// <summary>
/// Key types and comparers whose hash MapGuard cannot strengthen are watched: an operation that meets more than
/// <see cref="HashFloodMonitor.CollisionBound"/> keys sharing its full hash code reports the map.
/// </summary>
public sealed class HashFloodDetectionTests
{
    public static TheoryData<string> Maps => ["locked", "sharded", "lock-free", "read-mostly", "concurrent-dictionary"];

    [Theory]
    [MemberData(nameof(Maps))]
    public void ConstantHashComparer_IsReportedOnceNamingTheMap(string kind)
    {
        IConcurrentMap<string, int> map = Create(kind, new ConstantHashComparer());
        List<HashFloodDetectedEventArgs> reports = ReportsWhile(map, () =>
        {
            for (int i = 0; i < 200; i++)
            {
                map[$"key-{i}"] = i;
            }
        });

        HashFloodDetectedEventArgs report = Assert.Single(reports);
        Assert.Equal(HashFloodMonitor.CollisionBound + 1, report.Collisions);
        Assert.StartsWith(map.GetType().Name[..map.GetType().Name.IndexOf('`', StringComparison.Ordinal)], report.MapName, StringComparison.Ordinal);
        Assert.Equal(200, map.Count); // detection reports; it never refuses or loses a key
        Assert.Equal(199, map["key-199"]);
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void ConstantHashComparer_CountsInTheHashCollisionsInstrumentUnderTheMapName(string kind)
    {
        string name = $"flood-{kind}-{Guid.NewGuid():N}";
        IConcurrentMap<string, int> map = CreateNamed(kind, new ConstantHashComparer(), name);
        for (int i = 0; i < 50; i++)
        {
            map[$"key-{i}"] = i;
        }

        long observed = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MapGuardMeter.Name && instrument.Name == MapGuardMeter.HashCollisions)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == MapGuardMeter.MapTag && Equals(tag.Value, name))
                {
                    observed = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        // Insert i (from 0) meets i colliding keys, so inserts 9..49 pass the bound of 8 and count once each.
        // ConcurrentDictionary and Dictionary compare every chained key with an equal hash, as ours do. ReadMostlyMap
        // looks a new key up in its read table and then its dirty table, each watched separately, and promotes keys
        // between them, so its count depends on promotion timing.
        int expected = 50 - HashFloodMonitor.CollisionBound - 1;
        if (kind == "read-mostly")
        {
            Assert.True(observed > 0, "read-mostly map never counted");
        }
        else
        {
            Assert.Equal(expected, observed);
        }
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void UnprotectedKeyTypeWithAnHonestHash_IsNeverReported(string kind)
    {
        IConcurrentMap<Point, int> map = CreatePoints(kind);
        bool reported = false;
        void OnDetected(object? sender, HashFloodDetectedEventArgs e) => reported |= ReferenceEquals(e.Map, map);
        HashFloodMonitor.Detected += OnDetected;
        try
        {
            var random = new Random(7);
            for (int i = 0; i < 200_000; i++)
            {
                map[new Point(random.Next(), random.Next())] = i;
            }
        }
        finally
        {
            HashFloodMonitor.Detected -= OnDetected;
        }

        Assert.False(reported);
    }

    [Fact]
    public void GuardedDictionaryWithAConstantHashComparer_IsReportedOnceUnderItsName()
    {
        var map = new GuardedDictionary<string, int>(0, new ConstantHashComparer(), new GuardOptions { Name = "flooded-guard" });
        List<HashFloodDetectedEventArgs> reports = ReportsWhile(map, () =>
        {
            for (int i = 0; i < 200; i++)
            {
                map[$"key-{i}"] = i;
            }
        });

        HashFloodDetectedEventArgs report = Assert.Single(reports);
        Assert.Equal("flooded-guard", report.MapName);
        Assert.Equal(200, map.Count); // detection reports; it never refuses or loses a key
        Assert.Equal(199, map["key-199"]);
    }

    [Fact]
    public void HandlerThatThrows_DoesNotFailTheOperation()
    {
        var map = new LockFreeMap<string, int>(new ConstantHashComparer());
        static void Throwing(object? sender, HashFloodDetectedEventArgs e) => throw new InvalidOperationException("handler bug");
        HashFloodMonitor.Detected += Throwing;
        try
        {
            for (int i = 0; i < 20; i++)
            {
                map[$"key-{i}"] = i;
            }
        }
        finally
        {
            HashFloodMonitor.Detected -= Throwing;
        }

        Assert.Equal(20, map.Count);
    }

    /// <summary>The reports about <paramref name="map"/> raised while <paramref name="action"/> runs.</summary>
    private static List<HashFloodDetectedEventArgs> ReportsWhile(object map, Action action)
    {
        var reports = new List<HashFloodDetectedEventArgs>();
        void OnDetected(object? sender, HashFloodDetectedEventArgs e)
        {
            if (ReferenceEquals(e.Map, map))
            {
                lock (reports)
                {
                    reports.Add(e);
                }
            }
        }

        HashFloodMonitor.Detected += OnDetected;
        try
        {
            action();
        }
        finally
        {
            HashFloodMonitor.Detected -= OnDetected;
        }

        return reports;
    }

    private static IConcurrentMap<string, int> Create(string kind, IEqualityComparer<string> comparer) => kind switch
    {
        "locked" => new LockedMap<string, int>(comparer),
        "sharded" => new ShardedMap<string, int>(comparer),
        "lock-free" => new LockFreeMap<string, int>(comparer),
        "read-mostly" => new ReadMostlyMap<string, int>(comparer),
        _ => new ConcurrentDictionaryMap<string, int>(comparer),
    };

    // A name reaches a map when it is built: the builder gives it, with no metrics and nothing around the map.
    private static IConcurrentMap<string, int> CreateNamed(string kind, IEqualityComparer<string> comparer, string name) =>
        MapBuilder.For<string, int>().WithComparer(comparer).Named(name).Use(kind switch
        {
            "locked" => MapStrategy.Locked,
            "sharded" => MapStrategy.Sharded,
            "lock-free" => MapStrategy.LockFree,
            "read-mostly" => MapStrategy.ReadMostly,
            _ => MapStrategy.ConcurrentDictionary,
        }).Build();

    private static IConcurrentMap<Point, int> CreatePoints(string kind) => kind switch
    {
        "locked" => new LockedMap<Point, int>(),
        "sharded" => new ShardedMap<Point, int>(),
        "lock-free" => new LockFreeMap<Point, int>(),
        "read-mostly" => new ReadMostlyMap<Point, int>(),
        _ => new ConcurrentDictionaryMap<Point, int>(),
    };

    private readonly record struct Point(int X, int Y);

    private sealed class ConstantHashComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => 42;
    }
}
