using System.Runtime.CompilerServices;
using MapGuard.Internal;

namespace MapGuard;

/// <content>Each dictionary call as a struct that <see cref="Read"/> or <see cref="Write"/> runs inside the guard.</content>
public sealed partial class GuardedDictionary<TKey, TValue>
{
    private struct CountOperation : IOperation<int>
    {
        public readonly int Run(GroupTable<TKey, TValue> table) => table.Count;
    }

    private struct CapacityOperation : IOperation<int>
    {
        public readonly int Run(GroupTable<TKey, TValue> table) => table.Capacity;
    }

    private struct IndexerGetOperation(TKey key) : IOperation<TValue>
    {
        public readonly TValue Run(GroupTable<TKey, TValue> table) => table.Get(key);
    }

    private struct TryGetValueOperation(TKey key) : IOperation<bool>
    {
        public TValue? Value;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Run(GroupTable<TKey, TValue> table) => table.TryGetValue(key, out Value);
    }

    private struct ContainsKeyOperation(TKey key) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table) => table.IndexOf(key) >= 0;
    }

    private struct ContainsValueOperation(TValue value) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table) => table.ContainsValue(value);
    }

    private struct ContainsPairOperation(KeyValuePair<TKey, TValue> item) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table) => table.Contains(item.Key, item.Value);
    }

    private struct CopyPairsOperation(KeyValuePair<TKey, TValue>[] array, int arrayIndex) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table)
        {
            table.CopyTo(array, arrayIndex);
            return true;
        }
    }

    private struct CopyKeysOperation(TKey[] array, int arrayIndex) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table)
        {
            table.CopyKeysTo(array, arrayIndex);
            return true;
        }
    }

    private struct CopyValuesOperation(TValue[] array, int arrayIndex) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table)
        {
            table.CopyValuesTo(array, arrayIndex);
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

        public bool Run(GroupTable<TKey, TValue> table)
        {
            _before = Inner;
            return Inner.MoveNext();
        }

        public void Rewind() => Inner = _before;
    }

    private struct IndexerSetOperation(TKey key, TValue value) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table)
        {
            table.Set(key, value);
            return true;
        }
    }

    private struct TrySetWithoutGrowingOperation(TKey key, TValue value) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table) => table.TrySetWithoutGrowing(key, value);
    }

    private struct AddOperation(TKey key, TValue value) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table)
        {
            table.Add(key, value);
            return true;
        }
    }

    private struct TryAddOperation(TKey key, TValue value) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table) => table.TryAdd(key, value);
    }

    private struct RemoveOperation(TKey key) : IOperation<bool>
    {
        public TValue? Value;

        public bool Run(GroupTable<TKey, TValue> table) => table.Remove(key, out Value);
    }

    private struct RemovePairOperation(KeyValuePair<TKey, TValue> item) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table) => table.Remove(item.Key, item.Value);
    }

    private struct ClearOperation : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table)
        {
            table.Clear();
            return true;
        }
    }

    private struct EnsureCapacityOperation(int capacity) : IOperation<int>
    {
        public readonly int Run(GroupTable<TKey, TValue> table) => table.EnsureCapacity(capacity);
    }

    private struct TrimExcessOperation(int? capacity) : IOperation<bool>
    {
        public readonly bool Run(GroupTable<TKey, TValue> table)
        {
            if (capacity is int target)
            {
                table.TrimExcess(target);
            }
            else
            {
                table.TrimExcess(table.Count);
            }

            return true;
        }
    }
}
