using System.Collections;
using MapGuard.Internal;
using System.Runtime.CompilerServices;

namespace MapGuard;

/// <content>Each dictionary call as a struct that <see cref="Read"/> or <see cref="Write"/> runs inside the guard. Every
/// one is a single call of the inner <see cref="Dictionary{TKey, TValue}"/>, so its behaviour is that type's.</content>
public sealed partial class GuardedDictionary<TKey, TValue>
{
    private struct CountOperation : IOperation<int>
    {
        public readonly int Run(Dictionary<TKey, TValue> dictionary) => dictionary.Count;

        public readonly int Run(Dictionary<SeededKey<TKey>, TValue> dictionary) => dictionary.Count;
    }

    private struct CapacityOperation : IOperation<int>
    {
        public readonly int Run(Dictionary<TKey, TValue> dictionary) => dictionary.Capacity;

        public readonly int Run(Dictionary<SeededKey<TKey>, TValue> dictionary) => dictionary.Capacity;
    }

    private struct IndexerGetOperation(TKey key) : IOperation<TValue>
    {
        public readonly TValue Run(Dictionary<TKey, TValue> dictionary) => dictionary[key];

        public readonly TValue Run(Dictionary<SeededKey<TKey>, TValue> dictionary) => dictionary[new(key)];
    }

    private struct TryGetValueOperation(TKey key) : IOperation<bool>
    {
        public TValue? Value;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Run(Dictionary<TKey, TValue> dictionary) => dictionary.TryGetValue(key, out Value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary) => dictionary.TryGetValue(new(key), out Value);
    }

    private struct ContainsKeyOperation(TKey key) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => dictionary.ContainsKey(key);

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary) => dictionary.ContainsKey(new(key));
    }

    private struct ContainsValueOperation(TValue value) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => dictionary.ContainsValue(value);

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary) => dictionary.ContainsValue(value);
    }

    private struct ContainsPairOperation(KeyValuePair<TKey, TValue> item) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => ((ICollection<KeyValuePair<TKey, TValue>>)dictionary).Contains(item);

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary) =>
            ((ICollection<KeyValuePair<SeededKey<TKey>, TValue>>)dictionary).Contains(new(new(item.Key), item.Value));
    }

    private struct CopyPairsOperation(KeyValuePair<TKey, TValue>[] array, int arrayIndex) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            ((ICollection<KeyValuePair<TKey, TValue>>)dictionary).CopyTo(array, arrayIndex);
            return true;
        }

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary)
        {
            CheckCopyTo(array, arrayIndex, dictionary.Count, s_empty);
            int index = arrayIndex;
            foreach (KeyValuePair<SeededKey<TKey>, TValue> pair in dictionary)
            {
                array[index++] = new(pair.Key.Key, pair.Value);
            }

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

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary)
        {
            CheckCopyTo(array, arrayIndex, dictionary.Count, s_empty.Keys);
            int index = arrayIndex;
            foreach (SeededKey<TKey> key in dictionary.Keys)
            {
                array[index++] = key.Key;
            }

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

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary)
        {
            dictionary.Values.CopyTo(array, arrayIndex);
            return true;
        }
    }

    /// <summary>A non-generic <see cref="ICollection.CopyTo"/> of the entries, the keys or the values.</summary>
    private struct CopyArrayOperation(CopySource source, Array array, int index) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            Of(dictionary).CopyTo(array, index);
            return true;
        }

        // The values have the same type in the seeded storage. The entries and the keys do not, and the non-generic
        // CopyTo takes several kinds of array (the element type, DictionaryEntry, object), each with its own checks: they
        // are copied in order into a Dictionary of the real key type, and that one's own CopyTo runs.
        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary)
        {
            if (source == CopySource.Values)
            {
                ((ICollection)dictionary.Values).CopyTo(array, index);
                return true;
            }

            var copy = new Dictionary<TKey, TValue>(dictionary.Count, new SeededKeyComparer<TKey>(new KeyComparer<TKey>(null)));
            foreach (KeyValuePair<SeededKey<TKey>, TValue> pair in dictionary)
            {
                copy.Add(pair.Key.Key, pair.Value);
            }

            Of(copy).CopyTo(array, index);
            return true;
        }

        private readonly ICollection Of(Dictionary<TKey, TValue> dictionary) => source switch
        {
            CopySource.Entries => dictionary,
            CopySource.Keys => dictionary.Keys,
            _ => dictionary.Values,
        };
    }

    /// <summary>What a <see cref="CopyArrayOperation"/> copies.</summary>
    private enum CopySource
    {
        Entries,
        Keys,
        Values,
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

        public bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary)
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

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary)
        {
            dictionary[new(key)] = value;
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

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary)
        {
            dictionary.Add(new(key), value);
            return true;
        }
    }

    private struct TryAddOperation(TKey key, TValue value) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => dictionary.TryAdd(key, value);

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary) => dictionary.TryAdd(new(key), value);
    }

    private struct RemoveOperation(TKey key) : IOperation<bool>
    {
        public TValue? Value;

        public bool Run(Dictionary<TKey, TValue> dictionary) => dictionary.Remove(key, out Value);

        public bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary) => dictionary.Remove(new(key), out Value);
    }

    private struct RemovePairOperation(KeyValuePair<TKey, TValue> item) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => ((ICollection<KeyValuePair<TKey, TValue>>)dictionary).Remove(item);

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary) =>
            ((ICollection<KeyValuePair<SeededKey<TKey>, TValue>>)dictionary).Remove(new(new(item.Key), item.Value));
    }

    private struct ClearOperation : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary)
        {
            dictionary.Clear();
            return true;
        }

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary)
        {
            dictionary.Clear();
            return true;
        }
    }

    private struct EnsureCapacityOperation(int capacity) : IOperation<int>
    {
        public readonly int Run(Dictionary<TKey, TValue> dictionary) => dictionary.EnsureCapacity(capacity);

        public readonly int Run(Dictionary<SeededKey<TKey>, TValue> dictionary) => dictionary.EnsureCapacity(capacity);
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

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary)
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

        // A key of another type, or null, goes to an empty Dictionary, which returns null (or throws) as the storage would.
        public readonly object? Run(Dictionary<SeededKey<TKey>, TValue> dictionary) =>
            key is TKey typed ? (dictionary.TryGetValue(new(typed), out TValue? value) ? (object?)value : null) : ((IDictionary)s_empty)[key];
    }

    private struct NonGenericContainsOperation(object key) : IOperation<bool>
    {
        public readonly bool Run(Dictionary<TKey, TValue> dictionary) => ((IDictionary)dictionary).Contains(key);

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary) =>
            key is TKey typed ? dictionary.ContainsKey(new(typed)) : ((IDictionary)s_empty).Contains(key);
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

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary)
        {
            if (key is not TKey typedKey || value is not TValue typedValue)
            {
                // Dictionary's own checks and conversions (a null key or value, a key or value of another type), on a
                // dictionary of its own: they throw as the storage would, or convert what the test above did not.
                var single = new Dictionary<TKey, TValue>();
                ((IDictionary)single).Add(key, value);
                (typedKey, typedValue) = single.First();
            }

            if (add)
            {
                dictionary.Add(new(typedKey), typedValue);
            }
            else
            {
                dictionary[new(typedKey)] = typedValue;
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

        public readonly bool Run(Dictionary<SeededKey<TKey>, TValue> dictionary)
        {
            if (key is TKey typed)
            {
                dictionary.Remove(new(typed));
            }
            else
            {
                ((IDictionary)s_empty).Remove(key); // null throws; a key of another type is not there
            }

            return true;
        }
    }

    /// <summary>
    /// The argument checks of <see cref="Dictionary{TKey, TValue}"/>'s generic <c>CopyTo</c> of <paramref name="count"/>
    /// items, with its exceptions: the null and range checks are <paramref name="empty"/>'s own (an empty collection's
    /// <c>CopyTo</c> copies nothing), and a too-small array gets the exception a one-entry dictionary's throws. Only the
    /// seeded storage needs it, and its keys are value types, so <c>default</c> is a key.
    /// </summary>
    private static void CheckCopyTo<TItem>(TItem[] array, int index, int count, ICollection<TItem> empty)
    {
        empty.CopyTo(array, index);
        if (array.Length - index < count)
        {
            var single = new Dictionary<TKey, TValue> { [default!] = default! };
            if (empty is ICollection<TKey>)
            {
                single.Keys.CopyTo([], 0);
            }

            ((ICollection<KeyValuePair<TKey, TValue>>)single).CopyTo([], 0);
        }
    }
}
