using System.Diagnostics;

namespace MapGuard;

/// <summary>What a debugger shows for a <see cref="GuardedDictionary{TKey, TValue}.KeyCollection"/>: its items, as for a
/// <see cref="Dictionary{TKey, TValue}.KeyCollection"/>. Reading them is a guarded read like any other.</summary>
internal sealed class GuardedDictionaryKeysDebugView<TKey, TValue>
    where TKey : notnull
{
    private readonly ICollection<TKey> _collection;

    public GuardedDictionaryKeysDebugView(ICollection<TKey> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        _collection = collection;
    }

    [DebuggerBrowsable(DebuggerBrowsableState.RootHidden)]
    public TKey[] Items
    {
        get
        {
            var items = new TKey[_collection.Count];
            _collection.CopyTo(items, 0);
            return items;
        }
    }
}
