using System.Collections;

namespace MapGuard;

/// <content>The non-generic <see cref="IDictionary"/> view, as <see cref="Dictionary{TKey, TValue}"/> offers it: each
/// member is the storage's own (or, for seeded keys, its checks and exceptions), run as a guarded read or write.</content>
public sealed partial class GuardedDictionary<TKey, TValue>
{
    bool IDictionary.IsFixedSize => false;

    bool IDictionary.IsReadOnly => false;

    ICollection IDictionary.Keys => Keys;

    ICollection IDictionary.Values => Values;

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => this;

    object? IDictionary.this[object key]
    {
        get
        {
            var operation = new NonGenericGetOperation(key);
            return Read<NonGenericGetOperation, object?>(ref operation, GuardedOperation.IndexerGet);
        }

        set
        {
            var operation = new NonGenericSetOperation(key, value, add: false);
            Write<NonGenericSetOperation, bool>(ref operation, GuardedOperation.IndexerSet);
        }
    }

    void IDictionary.Add(object key, object? value)
    {
        var operation = new NonGenericSetOperation(key, value, add: true);
        Write<NonGenericSetOperation, bool>(ref operation, GuardedOperation.Add);
    }

    bool IDictionary.Contains(object key)
    {
        var operation = new NonGenericContainsOperation(key);
        return Read<NonGenericContainsOperation, bool>(ref operation, GuardedOperation.ContainsKey);
    }

    void IDictionary.Remove(object key)
    {
        var operation = new NonGenericRemoveOperation(key);
        Write<NonGenericRemoveOperation, bool>(ref operation, GuardedOperation.Remove);
    }

    IDictionaryEnumerator IDictionary.GetEnumerator() => new Enumerator(this, StorageEnumerator.Over(this), entries: true);

    void ICollection.CopyTo(Array array, int index)
    {
        var operation = new CopyArrayOperation(CopySource.Entries, array, index);
        Read<CopyArrayOperation, bool>(ref operation, GuardedOperation.CopyTo);
    }
}
