using MapGuard.Testing.Migration;

namespace MapGuard.Compat.Tests.Maps;

/// <summary>A <see cref="MigratingMap{TKey, TValue}"/> (ConcurrentDictionaryMap to LockFreeMap) held in one phase.</summary>
public sealed class MigratingKind(MigrationPhase phase) : MapKind
{
    public override string Name => $"MigratingMap({phase})";

    public override string TypeName => "MapGuard.MigratingMap";

    public override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        MigratingMaps.InPhase<TKey, TValue>(phase, comparer);
}
