namespace MapGuard.Cli.Lab.Maps;

/// <summary>A plain <see cref="Dictionary{TKey, TValue}"/>, used from several threads: the bug being demonstrated.</summary>
internal sealed class DictionaryLabMap : ILabMap
{
    private readonly Dictionary<long, long> _dictionary = [];

    public string Name => "Dictionary";

    public LabSubjectKind Kind => LabSubjectKind.Plain;

    public int Count => _dictionary.Count;

    public void Set(long key, long value) => _dictionary[key] = value;

    public bool TryGet(long key, out long value) => _dictionary.TryGetValue(key, out value);
}
