using System.Diagnostics;

namespace MapGuard;

/// <summary>What a debugger shows for a <see cref="GuardedDictionary{TKey, TValue}"/>: its entries, as for a
/// <see cref="Dictionary{TKey, TValue}"/>. Reading them is a guarded read like any other.</summary>
internal sealed class GuardedDictionaryDebugView<TKey, TValue>
    where TKey : notnull
{
    private readonly GuardedDictionary<TKey, TValue> _dictionary;

    public GuardedDictionaryDebugView(GuardedDictionary<TKey, TValue> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        _dictionary = dictionary;
    }

    [DebuggerBrowsable(DebuggerBrowsableState.RootHidden)]
    public GuardedDictionaryDebugViewItem<TKey, TValue>[] Items
    {
        get
        {
            var entries = new KeyValuePair<TKey, TValue>[_dictionary.Count];
            ((ICollection<KeyValuePair<TKey, TValue>>)_dictionary).CopyTo(entries, 0);
            return Array.ConvertAll(entries, entry => new GuardedDictionaryDebugViewItem<TKey, TValue>(entry.Key, entry.Value));
        }
    }
}
