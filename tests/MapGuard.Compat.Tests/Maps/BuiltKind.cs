namespace MapGuard.Compat.Tests.Maps;

/// <summary>What <see cref="MapBuilder"/> builds with one configuration; users hold it as an <see cref="IConcurrentMap{TKey, TValue}"/>.</summary>
public sealed class BuiltKind(string configuration) : MapKind
{
    public override string Name => $"Built({configuration})";

    public override string TypeName => "MapGuard.IConcurrentMap";

    public override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
    {
        MapBuilder<TKey, TValue> builder = MapBuilder.For<TKey, TValue>();
        if (comparer is not null)
        {
            builder.WithComparer(comparer);
        }

        return configuration switch
        {
            "default" => builder.Build(),
            "rules+metrics" => builder.UseReadMostly().WithKeyRule("any", _ => true).WithMetrics().Build(),
            "bounded" => builder.UseSharded().WithCapacity(1 << 20, Eviction.Reject).Build(),
            _ => throw new InvalidOperationException($"unknown configuration {configuration}"),
        };
    }
}
