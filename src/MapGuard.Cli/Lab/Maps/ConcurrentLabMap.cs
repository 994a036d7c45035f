namespace MapGuard.Cli.Lab.Maps;

/// <summary>Any <see cref="IConcurrentMap{TKey, TValue}"/>: the maps that are meant to be shared.</summary>
internal sealed class ConcurrentLabMap(string name, IConcurrentMap<long, long> map) : ILabMap
{
    public string Name => name;

    public LabSubjectKind Kind => LabSubjectKind.Map;

    public int Count => map.Count;

    /// <summary>Gets the map itself.</summary>
    public IConcurrentMap<long, long> Map => map;

    public void Set(long key, long value) => map[key] = value;

    public bool TryGet(long key, out long value) => map.TryGetValue(key, out value);
}
