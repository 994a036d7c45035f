using System.Collections;
using MapGuard.Internal;

namespace MapGuard;

/// <content>The entry enumerator: the table's enumerator, every step of it a guarded read.</content>
public sealed partial class GuardedDictionary<TKey, TValue>
{
    /// <summary>
    /// Enumerates the entries, in slot order. Each <see cref="MoveNext"/> is a guarded read, so a write that overlaps a
    /// step is caught; a write between two steps is caught by the table's own version check, which throws
    /// <see cref="InvalidOperationException"/> at the next step after a new key or a resize, exactly as a plain
    /// dictionary does (overwrites, removals and <see cref="Clear"/> do not invalidate it).
    /// </summary>
    public struct Enumerator : IEnumerator<KeyValuePair<TKey, TValue>>
    {
        private readonly GuardedDictionary<TKey, TValue> _owner;
        private MoveNextOperation<KeyValuePair<TKey, TValue>, GroupTable<TKey, TValue>.Enumerator> _step;

        internal Enumerator(GuardedDictionary<TKey, TValue> owner, GroupTable<TKey, TValue>.Enumerator inner)
        {
            _owner = owner;
            _step = new(inner);
        }

        /// <inheritdoc/>
        public readonly KeyValuePair<TKey, TValue> Current => _step.Inner.Current;

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        /// <exception cref="ConcurrentAccessException">A write overlapped this step (<see cref="GuardMode.Throw"/>).</exception>
        /// <exception cref="InvalidOperationException">The dictionary changed since the enumeration started.</exception>
        public bool MoveNext() =>
            _owner.Read<MoveNextOperation<KeyValuePair<TKey, TValue>, GroupTable<TKey, TValue>.Enumerator>, bool>(ref _step, GuardedOperation.Enumerate);

        /// <inheritdoc/>
        public void Reset() => ResetInPlace(ref _step.Inner);

        /// <inheritdoc/>
        public void Dispose() => _step.Inner.Dispose();

        // Reset is an explicit interface member of the inner struct; a constrained call reaches it without boxing a copy.
        private static void ResetInPlace<TInner>(ref TInner inner)
            where TInner : struct, IEnumerator => inner.Reset();
    }

    /// <summary>A guarded enumerator over the keys or the values (the views' enumerators share it).</summary>
    private sealed class ViewEnumerator<TItem, TInner>(GuardedDictionary<TKey, TValue> owner, TInner inner) : IEnumerator<TItem>
        where TInner : struct, IEnumerator<TItem>
    {
        private MoveNextOperation<TItem, TInner> _step = new(inner);

        public TItem Current => _step.Inner.Current;

        object? IEnumerator.Current => Current;

        public bool MoveNext() => owner.Read<MoveNextOperation<TItem, TInner>, bool>(ref _step, GuardedOperation.Enumerate);

        public void Reset() => _step.Inner.Reset();

        public void Dispose() => _step.Inner.Dispose();
    }
}
