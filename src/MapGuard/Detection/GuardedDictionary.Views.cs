using System.Collections;

namespace MapGuard;

/// <content>Live views of the keys and the values, guarded like the dictionary itself.</content>
public sealed partial class GuardedDictionary<TKey, TValue>
{
    /// <summary>A live, read-only view of the keys. Enumeration, <c>Contains</c>, <c>CopyTo</c> and <c>Count</c> are guarded reads.</summary>
    public sealed class KeyCollection : ICollection<TKey>, IReadOnlyCollection<TKey>, ICollection
    {
        private readonly GuardedDictionary<TKey, TValue> _owner;

        internal KeyCollection(GuardedDictionary<TKey, TValue> owner) => _owner = owner;

        /// <inheritdoc/>
        public int Count => _owner.Count;

        /// <inheritdoc/>
        public bool IsReadOnly => true;

        /// <inheritdoc/>
        public bool Contains(TKey item) => _owner.ContainsKey(item);

        /// <inheritdoc/>
        public void CopyTo(TKey[] array, int arrayIndex)
        {
            var operation = new CopyKeysOperation(array, arrayIndex);
            _owner.Read<CopyKeysOperation, bool>(ref operation, GuardedOperation.CopyTo);
        }

        /// <inheritdoc/>
        public IEnumerator<TKey> GetEnumerator() =>
            new ViewEnumerator<TKey, Dictionary<TKey, TValue>.KeyCollection.Enumerator>(_owner, _owner._dictionary.Keys.GetEnumerator());

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        bool ICollection.IsSynchronized => false;

        object ICollection.SyncRoot => _owner;

        void ICollection.CopyTo(Array array, int index)
        {
            var operation = new CopyArrayOperation(_owner._dictionary.Keys, array, index);
            _owner.Read<CopyArrayOperation, bool>(ref operation, GuardedOperation.CopyTo);
        }

        void ICollection<TKey>.Add(TKey item) => throw new NotSupportedException("The key view is read-only.");

        void ICollection<TKey>.Clear() => throw new NotSupportedException("The key view is read-only.");

        bool ICollection<TKey>.Remove(TKey item) => throw new NotSupportedException("The key view is read-only.");
    }

    /// <summary>A live, read-only view of the values. Enumeration, <c>Contains</c>, <c>CopyTo</c> and <c>Count</c> are guarded reads.</summary>
    public sealed class ValueCollection : ICollection<TValue>, IReadOnlyCollection<TValue>, ICollection
    {
        private readonly GuardedDictionary<TKey, TValue> _owner;

        internal ValueCollection(GuardedDictionary<TKey, TValue> owner) => _owner = owner;

        /// <inheritdoc/>
        public int Count => _owner.Count;

        /// <inheritdoc/>
        public bool IsReadOnly => true;

        /// <inheritdoc/>
        public bool Contains(TValue item) => _owner.ContainsValue(item);

        /// <inheritdoc/>
        public void CopyTo(TValue[] array, int arrayIndex)
        {
            var operation = new CopyValuesOperation(array, arrayIndex);
            _owner.Read<CopyValuesOperation, bool>(ref operation, GuardedOperation.CopyTo);
        }

        /// <inheritdoc/>
        public IEnumerator<TValue> GetEnumerator() =>
            new ViewEnumerator<TValue, Dictionary<TKey, TValue>.ValueCollection.Enumerator>(_owner, _owner._dictionary.Values.GetEnumerator());

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        bool ICollection.IsSynchronized => false;

        object ICollection.SyncRoot => _owner;

        void ICollection.CopyTo(Array array, int index)
        {
            var operation = new CopyArrayOperation(_owner._dictionary.Values, array, index);
            _owner.Read<CopyArrayOperation, bool>(ref operation, GuardedOperation.CopyTo);
        }

        void ICollection<TValue>.Add(TValue item) => throw new NotSupportedException("The value view is read-only.");

        void ICollection<TValue>.Clear() => throw new NotSupportedException("The value view is read-only.");

        bool ICollection<TValue>.Remove(TValue item) => throw new NotSupportedException("The value view is read-only.");
    }
}
