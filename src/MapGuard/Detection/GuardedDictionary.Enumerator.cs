using System.Collections;

namespace MapGuard;

/// <content>The entry enumerator: the inner dictionary's enumerator, every step of it a guarded read.</content>
public sealed partial class GuardedDictionary<TKey, TValue>
{
    /// <summary>
    /// Enumerates the entries in <see cref="Dictionary{TKey, TValue}"/>'s order. Each <see cref="MoveNext"/> is a
    /// guarded read, so a write that overlaps a step is caught; a write between two steps is caught by the dictionary's
    /// own version check, which throws <see cref="InvalidOperationException"/> at the next step exactly as a plain
    /// dictionary's enumerator does.
    /// </summary>
    public struct Enumerator : IEnumerator<KeyValuePair<TKey, TValue>>, IDictionaryEnumerator
    {
        private readonly GuardedDictionary<TKey, TValue> _owner;
        private readonly bool _entries; // from IDictionary.GetEnumerator: the non-generic Current is a DictionaryEntry
        private MoveNextOperation<KeyValuePair<TKey, TValue>, Dictionary<TKey, TValue>.Enumerator> _step;

        internal Enumerator(GuardedDictionary<TKey, TValue> owner, Dictionary<TKey, TValue>.Enumerator inner, bool entries)
        {
            _owner = owner;
            _entries = entries;
            _step = new(inner);
        }

        /// <inheritdoc/>
        public readonly KeyValuePair<TKey, TValue> Current => _step.Inner.Current;

        readonly object? IEnumerator.Current => _entries ? Entry(_step.Inner) : Boxed(_step.Inner);

        readonly DictionaryEntry IDictionaryEnumerator.Entry => Entry(_step.Inner);

        readonly object IDictionaryEnumerator.Key => Entry(_step.Inner).Key;

        readonly object? IDictionaryEnumerator.Value => Entry(_step.Inner).Value;

        /// <inheritdoc/>
        /// <exception cref="ConcurrentAccessException">A write overlapped this step (<see cref="GuardMode.Throw"/>).</exception>
        /// <exception cref="InvalidOperationException">The dictionary changed since the enumeration started.</exception>
        public bool MoveNext() =>
            _owner.Read<MoveNextOperation<KeyValuePair<TKey, TValue>, Dictionary<TKey, TValue>.Enumerator>, bool>(ref _step, GuardedOperation.Enumerate);

        /// <inheritdoc/>
        public void Reset() => ResetInPlace(ref _step.Inner);

        /// <inheritdoc/>
        public void Dispose() => _step.Inner.Dispose();

        // The inner enumerator's non-generic members are explicit interface members of a struct; a constrained call
        // reaches them (with their own checks: before the first MoveNext and after the end they throw) without boxing.
        private static void ResetInPlace<TInner>(ref TInner inner)
            where TInner : struct, IEnumerator => inner.Reset();

        private static object? Boxed<TInner>(TInner inner)
            where TInner : struct, IEnumerator => inner.Current;

        private static DictionaryEntry Entry<TInner>(TInner inner)
            where TInner : struct, IDictionaryEnumerator => inner.Entry;
    }

    /// <summary>A guarded enumerator over the keys or the values (the views' enumerators share it).</summary>
    private sealed class ViewEnumerator<TItem, TInner>(GuardedDictionary<TKey, TValue> owner, TInner inner) : IEnumerator<TItem>
        where TInner : struct, IEnumerator<TItem>
    {
        private MoveNextOperation<TItem, TInner> _step = new(inner);

        public TItem Current => _step.Inner.Current;

        object? IEnumerator.Current => Boxed(_step.Inner);

        public bool MoveNext() => owner.Read<MoveNextOperation<TItem, TInner>, bool>(ref _step, GuardedOperation.Enumerate);

        public void Reset() => ResetInPlace(ref _step.Inner);

        public void Dispose() => _step.Inner.Dispose();

        private static void ResetInPlace(ref TInner enumerator) => enumerator.Reset();

        // The non-generic Current, which (unlike the generic one) throws before the first MoveNext and after the end.
        private static object? Boxed(TInner enumerator) => ((IEnumerator)enumerator).Current;
    }
}
