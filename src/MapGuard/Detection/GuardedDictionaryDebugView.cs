using System.Diagnostics;

namespace MapGuard;

/// <summary>What a debugger shows for a <see cref="GuardedDictionary{TKey, TValue}"/>: its entries, as for a
/// <see cref="Dictionary{TKey, TValue}"/>. Reading them is a guarded read like any other.</summary>
internal sealed class GuardedDictionaryDebugView<TKey, TValue>(GuardedDictionary<TKey, TValue> dictionary)
    where TKey : notnull
{
    [DebuggerBrowsable(DebuggerBrowsableState.RootHidden)]
    public KeyValuePair<TKey, TValue>[] Items
    {
        get
        {
            var items = new KeyValuePair<TKey, TValue>[dictionary.Count];
            ((ICollection<KeyValuePair<TKey, TValue>>)dictionary).CopyTo(items, 0);
            return items;
        }
    }
}
