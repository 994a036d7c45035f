using System.Collections;

namespace MapGuard.Internal;

/// <summary>The <see cref="IDictionaryEnumerator"/> of a map's non-generic <see cref="IDictionary"/> view: a view of
/// the map's own enumerator, so it behaves as that one does (as <c>ConcurrentDictionary</c>'s does).</summary>
internal sealed class MapDictionaryEnumerator<TKey, TValue>(IEnumerator<KeyValuePair<TKey, TValue>> entries) : IDictionaryEnumerator
    where TKey : notnull
{
    public DictionaryEntry Entry => new(entries.Current.Key, entries.Current.Value);

    public object Key => entries.Current.Key!;

    public object? Value => entries.Current.Value;

    public object Current => Entry;

    public bool MoveNext() => entries.MoveNext();

    public void Reset() => entries.Reset();
}
