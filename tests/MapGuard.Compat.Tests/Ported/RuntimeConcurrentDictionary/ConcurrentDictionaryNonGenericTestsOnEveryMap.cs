using MapGuard.Compat.Tests.Maps;

namespace MapGuard.Compat.Tests.Ported.RuntimeConcurrentDictionary;

/// <summary>The ported <see cref="ConcurrentDictionary_NonGeneric_Tests"/>, once on <c>ConcurrentDictionary</c> itself
/// (the reference) and once per map of <see cref="MapKinds"/>.</summary>
public static class ConcurrentDictionaryNonGenericTestsOnEveryMap
{
    /// <summary>ConcurrentDictionary itself, the reference: every case passes there.</summary>
    public sealed class ConcurrentDictionaryItself : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = null;
    }

    public sealed class ConcurrentDictionaryMap : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ConcurrentDictionaryMap<,>));
    }

    public sealed class LockFreeMap : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new ConstructedKind(typeof(LockFreeMap<,>));
    }

    public sealed class ReadMostlyMap : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ReadMostlyMap<,>));
    }

    public sealed class ShardedMap : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ShardedMap<,>));
    }

    public sealed class LockedMap : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new ConstructedKind(typeof(LockedMap<,>));
    }

    public sealed class MigratingMapDualWrite : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.DualWrite);
    }

    public sealed class MigratingMapDraining : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.Draining);
    }

    public sealed class MigratingMapCutOver : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.CutOver);
    }

    public sealed class MigratingMapRolledBack : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.RolledBack);
    }

    public sealed class BuiltDefault : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new BuiltKind("default");
    }

    public sealed class BuiltRulesAndMetrics : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new BuiltKind("rules+metrics");
    }

    public sealed class BuiltBounded : ConcurrentDictionary_NonGeneric_Tests
    {
        protected override MapKind? Kind { get; } = new BuiltKind("bounded");
    }
}
