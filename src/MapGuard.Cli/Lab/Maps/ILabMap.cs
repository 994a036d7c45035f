namespace MapGuard.Cli.Lab.Maps;

/// <summary>The few calls a lab demonstration makes, over a plain Dictionary, a GuardedDictionary or a MapGuard map.</summary>
internal interface ILabMap
{
    /// <summary>Gets the name shown in the report.</summary>
    string Name { get; }

    /// <summary>Gets what kind of map this is, for the report.</summary>
    LabSubjectKind Kind { get; }

    /// <summary>Gets the number of entries.</summary>
    int Count { get; }

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> (indexer set).</summary>
    void Set(long key, long value);

    /// <summary>Reads <paramref name="key"/>.</summary>
    bool TryGet(long key, out long value);
}
