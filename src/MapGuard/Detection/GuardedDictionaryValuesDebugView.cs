using System.Diagnostics;

namespace MapGuard;

/// <summary>What a debugger shows for a <see cref="GuardedDictionary{TKey, TValue}.ValueCollection"/>: its items, as for a
/// <see cref="Dictionary{TKey, TValue}.ValueCollection"/>. Reading them is a guarded read like any other.</summary>
internal sealed class GuardedDictionaryValuesDebugView<TKey, TValue>
    where TKey : notnull
{
    private readonly ICollection<TValue> _collection;

    public GuardedDictionaryValuesDebugView(ICollection<TValue> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        _collection = collection;
    }

    [DebuggerBrowsable(DebuggerBrowsableState.RootHidden)]
    public TValue[] Items
    {
        get
        {
            var items = new TValue[_collection.Count];
            _collection.CopyTo(items, 0);
            return items;
        }
    }
}
