using System.Collections;
using System.Runtime.CompilerServices;

namespace MapGuard;

/// <content>Each dictionary call as a struct that <see cref="Read"/> or <see cref="Write"/> runs inside the guard. Every
/// one is a single call of the inner <see cref="Dictionary{TKey, TValue}"/>, so its behaviour is that type's.</content>
public sealed partial class GuardedDictionary<TKey, TValue>
{
    private struct CountOperation : IOperation<int>
    {
        public readonly int Run(Dictionary<TKey, TValue> dictionary) => dictionary.Count;
    }

    private struct CapacityOperation : IOperation<int>
    {
        public readonly int Run(Dictionary<TKey, TValue> dictionary) => dictionary.Capacity;
    }

    private struct IndexerGetOperation(TKey key) : IOperation<TValue>
    {
        public readonly TValue Run(Dictionary<TKey, TValue> dictionary) => dictionary[key];
    }

    private struct TryGetValueOperation(TKey key) : IOperation<bool>
    {
        public TValue? Value;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Run(Dictionary<TKey, TValue> dictionary) => dictionary.TryGetValue(key, out Value);
    }

    private struct ContainsKeyOperation(TKey key) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => dictionary.ContainsKey(key);
    }

    private struct ContainsValueOperation(TValue value) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => dictionary.ContainsValue(value);
    }

    private struct ContainsPairOperation(KeyValuePair<TKey, TValue> item) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => ((ICollection<KeyValuePair<TKey, TValue>>)dictionary).Contains(item);
    }

    private struct CopyPairsOperation(KeyValuePair<TKey, TValue>[] array, int arrayIndex) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            ((ICollection<KeyValuePair<TKey, TValue>>)dictionary).CopyTo(array, arrayIndex);
            return true;
        }
    }

    private struct CopyKeysOperation(TKey[] array, int arrayIndex) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            dictionary.Keys.CopyTo(array, arrayIndex);
            return true;
        }
    }

    private struct CopyValuesOperation(TValue[] array, int arrayIndex) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            dictionary.Values.CopyTo(array, arrayIndex);
            return true;
        }
    }

    /// <summary>A non-generic <see cref="ICollection.CopyTo"/> of the entries, the keys or the values: <paramref name="source"/>
    /// is the dictionary itself or one of its views.</summary>
    private struct CopyArrayOperation(ICollection source, Array array, int index) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            source.CopyTo(array, index);
            return true;
        }
    }

    /// <summary>One <c>MoveNext</c> of an inner enumerator. It keeps the position before the step, so that a step a write
    /// overlapped can be undone and run again under the lock (Report mode) instead of skipping an entry.</summary>
    private struct MoveNextOperation<TItem, TInner>(TInner inner) : IOperation<bool>
        where TInner : struct, IEnumerator<TItem>
    {
        public TInner Inner = inner;
        private TInner _before;

        public bool Run(Dictionary<TKey, TValue> dictionary)
        {
            _before = Inner;
            return Inner.MoveNext();
        }

        public void Rewind() => Inner = _before;
    }

    private struct IndexerSetOperation(TKey key, TValue value) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            dictionary[key] = value;
            return true;
        }
    }

    private struct AddOperation(TKey key, TValue value) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            dictionary.Add(key, value);
            return true;
        }
    }

    private struct TryAddOperation(TKey key, TValue value) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => dictionary.TryAdd(key, value);
    }

    private struct RemoveOperation(TKey key) : IOperation<bool>
    {
        public TValue? Value;

        public bool Run(Dictionary<TKey, TValue> dictionary) => dictionary.Remove(key, out Value);
    }

    private struct RemovePairOperation(KeyValuePair<TKey, TValue> item) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => ((ICollection<KeyValuePair<TKey, TValue>>)dictionary).Remove(item);
    }

    private struct ClearOperation : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            dictionary.Clear();
            return true;
        }
    }

    private struct EnsureCapacityOperation(int capacity) : IOperation<int>
    {
        public readonly int Run(Dictionary<TKey, TValue> dictionary) => dictionary.EnsureCapacity(capacity);
    }

    private struct TrimExcessOperation(int? capacity) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            if (capacity is int target)
            {
                dictionary.TrimExcess(target);
            }
            else
            {
                dictionary.TrimExcess();
            }

            return true;
        }
    }

    private struct NonGenericGetOperation(object key) : IOperation<object?>
    {
        public readonly object? Run(Dictionary<TKey, TValue> dictionary) => ((IDictionary)dictionary)[key];
    }

    private struct NonGenericContainsOperation(object key) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => ((IDictionary)dictionary).Contains(key);
    }

    private struct NonGenericSetOperation(object key, object? value, bool add) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            if (add)
            {
                ((IDictionary)dictionary).Add(key, value);
            }
            else
            {
                ((IDictionary)dictionary)[key] = value;
            }

            return true;
        }
    }

    private struct NonGenericRemoveOperation(object key) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            ((IDictionary)dictionary).Remove(key);
            return true;
        }
    }
}
