namespace MapGuard.Cli.Lab.Maps;

/// <summary>A <see cref="GuardedDictionary{TKey, TValue}"/> in the given mode.</summary>
internal sealed class GuardedLabMap(GuardMode mode) : ILabMap
{
    private readonly GuardedDictionary<long, long> _dictionary = new(new GuardOptions { Mode = mode, Name = "lab" });

    public string Name => Mode == GuardMode.Throw ? "GuardedDictionary" : "GuardedDictionary (Report)";

    public GuardMode Mode => mode;

    public LabSubjectKind Kind => LabSubjectKind.Guard;

    public int Count => _dictionary.Count;

    /// <summary>Gets the dictionary itself, for its violation count and mode.</summary>
    public GuardedDictionary<long, long> Dictionary => _dictionary;

    public void Set(long key, long value) => _dictionary[key] = value;

    public bool TryGet(long key, out long value) => _dictionary.TryGetValue(key, out value);
}
