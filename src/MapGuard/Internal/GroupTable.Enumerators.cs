using System.Collections;

namespace MapGuard.Internal;

/// <content>Enumerators over the slots: entries, keys and values. Each checks the table's version as Dictionary's do.</content>
internal sealed partial class GroupTable<TKey, TValue>
{
    /// <summary>
    /// Walks the slots in order. Throws <see cref="InvalidOperationException"/> from <see cref="MoveNext"/> once the
    /// table has taken a new key or been rebuilt; overwrites, removals and <see cref="Clear"/> do not invalidate it.
    /// A copy of the struct is a saved position (GuardedDictionary rewinds a step with one).
    /// </summary>
    public struct Enumerator : IEnumerator<KeyValuePair<TKey, TValue>>
    {
        private readonly GroupTable<TKey, TValue> _table;
        private readonly int _version;
        private int _next; // the slot to look at next; past the end once finished
        private KeyValuePair<TKey, TValue> _current;

        internal Enumerator(GroupTable<TKey, TValue> table)
        {
            _table = table;
            _version = table._version;
            _next = 0;
            _current = default;
        }

        public readonly KeyValuePair<TKey, TValue> Current => _current;

        readonly object IEnumerator.Current
        {
            get
            {
                if (_next == 0 || _next > _table._controls.Length)
                {
                    throw new InvalidOperationException("Enumeration has either not started or has already finished.");
                }

                return _current;
            }
        }

        public bool MoveNext()
        {
            if (_version != _table._version)
            {
                ThrowModified();
            }

            byte[] controls = _table._controls;
            Slot[] slots = _table._slots;
            while ((uint)_next < (uint)slots.Length)
            {
                int index = _next++;
                if (controls[index] < Empty)
                {
                    _current = new KeyValuePair<TKey, TValue>(slots[index].Key, slots[index].Value);
                    return true;
                }
            }

            _next = controls.Length + 1;
            _current = default;
            return false;
        }

        public void Reset()
        {
            if (_version != _table._version)
            {
                ThrowModified();
            }

            _next = 0;
            _current = default;
        }

        public readonly void Dispose()
        {
        }
    }

    /// <summary>The keys, in slot order, with <see cref="Enumerator"/>'s rules.</summary>
    public struct KeyEnumerator(GroupTable<TKey, TValue> table) : IEnumerator<TKey>
    {
        private Enumerator _entries = new(table);

        public readonly TKey Current => _entries.Current.Key;

        readonly object IEnumerator.Current => ((IEnumerator)_entries).Current is KeyValuePair<TKey, TValue> entry ? entry.Key : null!;

        public bool MoveNext() => _entries.MoveNext();

        public void Reset() => _entries.Reset();

        public readonly void Dispose()
        {
        }
    }

    /// <summary>The values, in slot order, with <see cref="Enumerator"/>'s rules.</summary>
    public struct ValueEnumerator(GroupTable<TKey, TValue> table) : IEnumerator<TValue>
    {
        private Enumerator _entries = new(table);

        public readonly TValue Current => _entries.Current.Value;

        readonly object? IEnumerator.Current => ((IEnumerator)_entries).Current is KeyValuePair<TKey, TValue> entry ? entry.Value : null;

        public bool MoveNext() => _entries.MoveNext();

        public void Reset() => _entries.Reset();

        public readonly void Dispose()
        {
        }
    }

    /// <summary>An enumerator over the entries.</summary>
    public Enumerator GetEnumerator() => new(this);

    private static void ThrowModified() =>
        throw new InvalidOperationException("Collection was modified; enumeration operation may not execute.");
}
