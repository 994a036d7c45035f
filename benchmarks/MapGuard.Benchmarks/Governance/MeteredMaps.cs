namespace MapGuard.Benchmarks.Governance;

/// <summary>Builds the maps of <see cref="MeteredMapKind"/> with and without <c>WithMetrics()</c>, through the public builder.</summary>
public static class MeteredMaps
{
    // Above the largest workload's key count (1,048,576), so a bounded map holds every key and evicts nothing.
    private const int BoundedCapacity = 1 << 21;

    public static IConcurrentMap<long, long> Build(MeteredMapKind kind, bool metrics, string name)
    {
        MapBuilder<long, long> builder = MapBuilder.For<long, long>();
        builder = kind switch
        {
            MeteredMapKind.Sharded => builder.UseSharded(),
            MeteredMapKind.ReadMostly => builder.UseReadMostly(),
            MeteredMapKind.Locked => builder.UseLocked(),
            MeteredMapKind.ConcurrentDictionary => builder.UseConcurrentDictionary(),
            MeteredMapKind.TinyLfu => builder.WithCapacity(BoundedCapacity, Eviction.TinyLfu),
            MeteredMapKind.Lru => builder.WithCapacity(BoundedCapacity, Eviction.Lru),
            _ => builder.UseLockFree(),
        };

        return metrics ? builder.Named(name).WithMetrics().Build() : builder.Build();
    }
}
