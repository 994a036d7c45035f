using MapGuard.Compat.Tests.Maps;

namespace MapGuard.Compat.Tests.Ported.RuntimeConcurrentDictionary;

/// <summary>The ported <see cref="ConcurrentDictionary_Generic_Tests{TKey, TValue}"/> with upstream's enum_enum, string_string, ulong_ulong and int_int keys,
/// once on <c>ConcurrentDictionary</c> itself (the reference) and once per map of <see cref="MapKinds"/>.</summary>
public static class ConcurrentDictionaryGenericTestsOnEveryMap
{
    public static class EnumEnum
    {
        /// <summary>ConcurrentDictionary itself, the reference: every case passes there.</summary>
        public sealed class ConcurrentDictionaryItself : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = null;
        }

        public sealed class ConcurrentDictionaryMap : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ConcurrentDictionaryMap<,>));
        }

        public sealed class LockFreeMap : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(LockFreeMap<,>));
        }

        public sealed class ReadMostlyMap : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ReadMostlyMap<,>));
        }

        public sealed class ShardedMap : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ShardedMap<,>));
        }

        public sealed class LockedMap : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(LockedMap<,>));
        }

        public sealed class MigratingMapDualWrite : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.DualWrite);
        }

        public sealed class MigratingMapDraining : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.Draining);
        }

        public sealed class MigratingMapCutOver : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.CutOver);
        }

        public sealed class MigratingMapRolledBack : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.RolledBack);
        }

        public sealed class BuiltDefault : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new BuiltKind("default");
        }

        public sealed class BuiltRulesAndMetrics : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new BuiltKind("rules+metrics");
        }

        public sealed class BuiltBounded : ConcurrentDictionary_Generic_Tests_enum_enum
        {
            protected override MapKind? Kind { get; } = new BuiltKind("bounded");
        }
    }

    public static class StringString
    {
        /// <summary>ConcurrentDictionary itself, the reference: every case passes there.</summary>
        public sealed class ConcurrentDictionaryItself : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = null;
        }

        public sealed class ConcurrentDictionaryMap : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ConcurrentDictionaryMap<,>));
        }

        public sealed class LockFreeMap : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(LockFreeMap<,>));
        }

        public sealed class ReadMostlyMap : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ReadMostlyMap<,>));
        }

        public sealed class ShardedMap : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ShardedMap<,>));
        }

        public sealed class LockedMap : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(LockedMap<,>));
        }

        public sealed class MigratingMapDualWrite : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.DualWrite);
        }

        public sealed class MigratingMapDraining : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.Draining);
        }

        public sealed class MigratingMapCutOver : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.CutOver);
        }

        public sealed class MigratingMapRolledBack : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.RolledBack);
        }

        public sealed class BuiltDefault : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new BuiltKind("default");
        }

        public sealed class BuiltRulesAndMetrics : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new BuiltKind("rules+metrics");
        }

        public sealed class BuiltBounded : ConcurrentDictionary_Generic_Tests_string_string
        {
            protected override MapKind? Kind { get; } = new BuiltKind("bounded");
        }
    }

    public static class UlongUlong
    {
        /// <summary>ConcurrentDictionary itself, the reference: every case passes there.</summary>
        public sealed class ConcurrentDictionaryItself : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = null;
        }

        public sealed class ConcurrentDictionaryMap : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ConcurrentDictionaryMap<,>));
        }

        public sealed class LockFreeMap : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(LockFreeMap<,>));
        }

        public sealed class ReadMostlyMap : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ReadMostlyMap<,>));
        }

        public sealed class ShardedMap : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ShardedMap<,>));
        }

        public sealed class LockedMap : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(LockedMap<,>));
        }

        public sealed class MigratingMapDualWrite : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.DualWrite);
        }

        public sealed class MigratingMapDraining : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.Draining);
        }

        public sealed class MigratingMapCutOver : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.CutOver);
        }

        public sealed class MigratingMapRolledBack : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.RolledBack);
        }

        public sealed class BuiltDefault : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new BuiltKind("default");
        }

        public sealed class BuiltRulesAndMetrics : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new BuiltKind("rules+metrics");
        }

        public sealed class BuiltBounded : ConcurrentDictionary_Generic_Tests_ulong_ulong
        {
            protected override MapKind? Kind { get; } = new BuiltKind("bounded");
        }
    }

    public static class IntInt
    {
        /// <summary>ConcurrentDictionary itself, the reference: every case passes there.</summary>
        public sealed class ConcurrentDictionaryItself : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = null;
        }

        public sealed class ConcurrentDictionaryMap : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ConcurrentDictionaryMap<,>));
        }

        public sealed class LockFreeMap : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(LockFreeMap<,>));
        }

        public sealed class ReadMostlyMap : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ReadMostlyMap<,>));
        }

        public sealed class ShardedMap : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(ShardedMap<,>));
        }

        public sealed class LockedMap : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new ConstructedKind(typeof(LockedMap<,>));
        }

        public sealed class MigratingMapDualWrite : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.DualWrite);
        }

        public sealed class MigratingMapDraining : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.Draining);
        }

        public sealed class MigratingMapCutOver : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.CutOver);
        }

        public sealed class MigratingMapRolledBack : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new MigratingKind(MigrationPhase.RolledBack);
        }

        public sealed class BuiltDefault : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new BuiltKind("default");
        }

        public sealed class BuiltRulesAndMetrics : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new BuiltKind("rules+metrics");
        }

        public sealed class BuiltBounded : ConcurrentDictionary_Generic_Tests_int_int
        {
            protected override MapKind? Kind { get; } = new BuiltKind("bounded");
        }
    }
}
