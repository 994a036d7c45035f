using MapGuard.Compat.Tests.Maps;

namespace MapGuard.Compat.Tests.Ported.RuntimeConcurrentDictionary;

/// <summary>The ported <see cref="ConcurrentDictionaryTests"/>, once per map of <see cref="MapKinds"/>.</summary>
public static class ConcurrentDictionaryTestsOnEveryMap
{
    public sealed class ConcurrentDictionaryMap : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new ConstructedKind(typeof(ConcurrentDictionaryMap<,>));
    }

    public sealed class LockFreeMap : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new ConstructedKind(typeof(LockFreeMap<,>));
    }

    public sealed class ReadMostlyMap : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new ConstructedKind(typeof(ReadMostlyMap<,>));
    }

    public sealed class ShardedMap : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new ConstructedKind(typeof(ShardedMap<,>));
    }

    public sealed class LockedMap : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new ConstructedKind(typeof(LockedMap<,>));
    }

    public sealed class MigratingMapDualWrite : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new MigratingKind(MigrationPhase.DualWrite);
    }

    public sealed class MigratingMapDraining : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new MigratingKind(MigrationPhase.Draining);
    }

    public sealed class MigratingMapCutOver : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new MigratingKind(MigrationPhase.CutOver);
    }

    public sealed class MigratingMapRolledBack : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new MigratingKind(MigrationPhase.RolledBack);
    }

    public sealed class BuiltDefault : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new BuiltKind("default");
    }

    public sealed class BuiltRulesAndMetrics : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new BuiltKind("rules+metrics");
    }

    public sealed class BuiltBounded : ConcurrentDictionaryTests
    {
        protected override MapKind Kind { get; } = new BuiltKind("bounded");
    }
}
