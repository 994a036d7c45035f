using System.Collections;
using MapGuard.Internal;

namespace MapGuard;

/// <content>The entry enumerator: the storage's enumerator, every step of it a guarded read.</content>
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
        private MoveNextOperation<KeyValuePair<TKey, TValue>, StorageEnumerator> _step;

        internal Enumerator(GuardedDictionary<TKey, TValue> owner, StorageEnumerator inner, bool entries)
        {
            _owner = owner;
            _entries = entries;
            _step = new(inner);
        }

        /// <inheritdoc/>
        public readonly KeyValuePair<TKey, TValue> Current => _step.Inner.Current;

        readonly object? IEnumerator.Current => _entries ? Entry(_step.Inner) : _step.Inner.Boxed;

        readonly DictionaryEntry IDictionaryEnumerator.Entry => Entry(_step.Inner);

        readonly object IDictionaryEnumerator.Key => Entry(_step.Inner).Key;

        readonly object? IDictionaryEnumerator.Value => Entry(_step.Inner).Value;

        /// <inheritdoc/>
        /// <exception cref="ConcurrentAccessException">A write overlapped this step (<see cref="GuardMode.Throw"/>).</exception>
        /// <exception cref="InvalidOperationException">The dictionary changed since the enumeration started.</exception>
        public bool MoveNext() =>
            _owner.Read<MoveNextOperation<KeyValuePair<TKey, TValue>, StorageEnumerator>, bool>(ref _step, GuardedOperation.Enumerate);

        /// <inheritdoc/>
        public void Reset() => ResetInPlace(ref _step.Inner);

        /// <inheritdoc/>
        public void Dispose() => _step.Inner.Dispose();

        // The inner enumerator's non-generic members are explicit interface members of a struct; a constrained call
        // reaches them (with their own checks: before the first MoveNext and after the end they throw) without boxing.
        private static void ResetInPlace<TInner>(ref TInner inner)
            where TInner : struct, IEnumerator => inner.Reset();

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

    /// <summary>
    /// The storage's own entry enumerator, whichever storage it is, with seeded keys unwrapped. Every member is the
    /// inner enumerator's (its version check, its <c>Reset</c>, and the throws of its non-generic members before the
    /// first step and after the last).
    /// </summary>
    internal struct StorageEnumerator : IEnumerator<KeyValuePair<TKey, TValue>>, IDictionaryEnumerator
    {
        private Dictionary<TKey, TValue>.Enumerator _plain;
        private Dictionary<SeededKey<TKey>, TValue>.Enumerator _seeded;
        private readonly bool _isSeeded;

        private StorageEnumerator(Dictionary<TKey, TValue>.Enumerator plain, Dictionary<SeededKey<TKey>, TValue>.Enumerator seeded, bool isSeeded)
        {
            _plain = plain;
            _seeded = seeded;
            _isSeeded = isSeeded;
        }

        public readonly KeyValuePair<TKey, TValue> Current => _isSeeded ? Unwrap(_seeded.Current) : _plain.Current;

        /// <summary>The non-generic <c>Current</c> of an enumerator that <c>GetEnumerator()</c> handed out: a boxed pair.</summary>
        public readonly object? Boxed => _isSeeded ? BoxedSeeded : ((IEnumerator)_plain).Current;

        readonly object? IEnumerator.Current => Boxed;

        public readonly DictionaryEntry Entry => _isSeeded ? Unwrap(EntryOf(_seeded)) : EntryOf(_plain);

        readonly object IDictionaryEnumerator.Key => Entry.Key;

        readonly object? IDictionaryEnumerator.Value => Entry.Value;

        // The inner enumerator hands out pairs; an entry enumerator (Enumerator's entries flag) reads Entry instead.
        public static StorageEnumerator Over(GuardedDictionary<TKey, TValue> owner) =>
            owner.IsSeeded
                ? new(default, owner._seeded!.GetEnumerator(), isSeeded: true)
                : new(owner._dictionary!.GetEnumerator(), default, isSeeded: false);

        public bool MoveNext() => _isSeeded ? _seeded.MoveNext() : _plain.MoveNext();

        public void Reset()
        {
            if (_isSeeded)
            {
                ResetInPlace(ref _seeded);
            }
            else
            {
                ResetInPlace(ref _plain);
            }
        }

        public readonly void Dispose()
        {
        }

        private static KeyValuePair<TKey, TValue> Unwrap(KeyValuePair<SeededKey<TKey>, TValue> pair) => new(pair.Key.Key, pair.Value);

        private static DictionaryEntry Unwrap(DictionaryEntry entry) => new(((SeededKey<TKey>)entry.Key).Key, entry.Value);

        // The inner enumerator's non-generic Current runs its checks (it throws before the first step and after the last).
        private readonly object BoxedSeeded
        {
            get
            {
                _ = Check(_seeded);
                return Current;
            }
        }

        private static object? Check<TInner>(TInner inner)
            where TInner : struct, IEnumerator => inner.Current;

        private static void ResetInPlace<TInner>(ref TInner inner)
            where TInner : struct, IEnumerator => inner.Reset();

        private static DictionaryEntry EntryOf<TInner>(TInner inner)
            where TInner : struct, IDictionaryEnumerator => inner.Entry;
    }

    /// <summary>The seeded storage's key enumerator, unwrapping each key; every member is the inner enumerator's.</summary>
    private struct SeededKeyEnumerator(Dictionary<SeededKey<TKey>, TValue>.KeyCollection.Enumerator inner) : IEnumerator<TKey>
    {
        private Dictionary<SeededKey<TKey>, TValue>.KeyCollection.Enumerator _inner = inner;

        public readonly TKey Current => _inner.Current.Key;

        readonly object IEnumerator.Current => Checked(_inner, Current);

        public bool MoveNext() => _inner.MoveNext();

        public void Reset() => ResetInPlace(ref _inner);

        public readonly void Dispose()
        {
        }

        private static object Checked<TInner>(TInner inner, TKey current)
            where TInner : struct, IEnumerator
        {
            _ = inner.Current; // throws before the first step and after the last, as the inner enumerator does
            return current;
        }

        private static void ResetInPlace<TInner>(ref TInner inner)
            where TInner : struct, IEnumerator => inner.Reset();
    }
}
