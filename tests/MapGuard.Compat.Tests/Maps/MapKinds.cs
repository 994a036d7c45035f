namespace MapGuard.Compat.Tests.Maps;

/// <summary>Every map the compatibility suites run against, by name, for <c>[MemberData]</c>.</summary>
public static class MapKinds
{
    private static readonly MapKind[] s_all =
    [
        new ConstructedKind(typeof(ConcurrentDictionaryMap<,>)),
        new ConstructedKind(typeof(LockFreeMap<,>)),
        new ConstructedKind(typeof(ReadMostlyMap<,>)),
        new ConstructedKind(typeof(ShardedMap<,>)),
        new ConstructedKind(typeof(LockedMap<,>)),
        new MigratingKind(MigrationPhase.DualWrite),
        new MigratingKind(MigrationPhase.Draining),
        new MigratingKind(MigrationPhase.CutOver),
        new MigratingKind(MigrationPhase.RolledBack),
        new BuiltKind("default"),
        new BuiltKind("rules+metrics"),
        new BuiltKind("bounded"),
    ];

    /// <summary>Gets every kind's name.</summary>
    public static TheoryData<string> All => new(s_all.Select(kind => kind.Name));

    /// <summary>Gets the names of the kinds with <c>ConcurrentDictionary</c>'s constructors.</summary>
    public static TheoryData<string> WithConstructors => new(s_all.Where(kind => kind.HasConstructors).Select(kind => kind.Name));

    /// <summary>Gets the kind named <paramref name="name"/>.</summary>
    public static MapKind Get(string name) => s_all.Single(kind => kind.Name == name);
}
