using System.Diagnostics;
using System.Collections;
using MapGuard.Internal;

namespace MapGuard;

/// <content>Live views of the keys and the values, guarded like the dictionary itself.</content>
public sealed partial class GuardedDictionary<TKey, TValue>
{
    /// <summary>A live, read-only view of the keys. Enumeration, <c>Contains</c>, <c>CopyTo</c> and <c>Count</c> are guarded reads.</summary>
    [DebuggerDisplay("Count = {Count}")]
    [DebuggerTypeProxy(typeof(GuardedDictionaryKeysDebugView<,>))]
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
        public IEnumerator<TKey> GetEnumerator() => _owner.Count == 0
            ? ((IEnumerable<TKey>)s_empty.Keys).GetEnumerator() // as an empty Dictionary's view does
            : _owner.IsSeeded
                ? new ViewEnumerator<TKey, SeededKeyEnumerator>(_owner, new(_owner._seeded!.Keys.GetEnumerator()))
                : new ViewEnumerator<TKey, Dictionary<TKey, TValue>.KeyCollection.Enumerator>(_owner, _owner._dictionary!.Keys.GetEnumerator());

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        bool ICollection.IsSynchronized => false;

        object ICollection.SyncRoot => _owner;

        void ICollection.CopyTo(Array array, int index)
        {
            var operation = new CopyArrayOperation(CopySource.Keys, array, index);
            _owner.Read<CopyArrayOperation, bool>(ref operation, GuardedOperation.CopyTo);
        }

        void ICollection<TKey>.Add(TKey item) => ((ICollection<TKey>)s_empty.Keys).Add(item); // Dictionary's NotSupportedException: its views are read-only

        void ICollection<TKey>.Clear() => ((ICollection<TKey>)s_empty.Keys).Clear();

        bool ICollection<TKey>.Remove(TKey item) => ((ICollection<TKey>)s_empty.Keys).Remove(item);
    }

    /// <summary>A live, read-only view of the values. Enumeration, <c>Contains</c>, <c>CopyTo</c> and <c>Count</c> are guarded reads.</summary>
    [DebuggerDisplay("Count = {Count}")]
    [DebuggerTypeProxy(typeof(GuardedDictionaryValuesDebugView<,>))]
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
        public IEnumerator<TValue> GetEnumerator() => _owner.Count == 0
            ? ((IEnumerable<TValue>)s_empty.Values).GetEnumerator() // as an empty Dictionary's view does
            : _owner.IsSeeded
                ? new ViewEnumerator<TValue, Dictionary<SeededKey<TKey>, TValue>.ValueCollection.Enumerator>(_owner, _owner._seeded!.Values.GetEnumerator())
                : new ViewEnumerator<TValue, Dictionary<TKey, TValue>.ValueCollection.Enumerator>(_owner, _owner._dictionary!.Values.GetEnumerator());

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        bool ICollection.IsSynchronized => false;

        object ICollection.SyncRoot => _owner;

        void ICollection.CopyTo(Array array, int index)
        {
            var operation = new CopyArrayOperation(CopySource.Values, array, index);
            _owner.Read<CopyArrayOperation, bool>(ref operation, GuardedOperation.CopyTo);
        }

        void ICollection<TValue>.Add(TValue item) => ((ICollection<TValue>)s_empty.Values).Add(item); // Dictionary's NotSupportedException: its views are read-only

        void ICollection<TValue>.Clear() => ((ICollection<TValue>)s_empty.Values).Clear();

        bool ICollection<TValue>.Remove(TValue item) => ((ICollection<TValue>)s_empty.Values).Remove(item);
    }
}
