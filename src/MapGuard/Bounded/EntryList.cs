using System.Diagnostics;

namespace MapGuard.Bounded;

/// <summary>
/// An intrusive doubly linked list of entries: a policy queue (through Previous/Next) or the write-order list that
/// expiry sweeps (through an <see cref="ExpiringEntry{TKey, TValue}"/>'s OlderWrite/NewerWrite). The first entry is the newest. Not thread-safe: the map's lock guards it.
/// </summary>
internal sealed class EntryList<TKey, TValue>
{
    private readonly EntryQueue _queue;
    private readonly bool _writeOrder;
    private BoundedEntry<TKey, TValue>? _first, _last;

    /// <summary>A policy queue named <paramref name="queue"/>.</summary>
    public EntryList(EntryQueue queue) => _queue = queue;

    /// <summary>The write-order list.</summary>
    public EntryList() => _writeOrder = true;

    public int Count { get; private set; }

    /// <summary>The oldest entry, next in line for eviction or expiry.</summary>
    public BoundedEntry<TKey, TValue>? Last => _last;

    public bool Contains(BoundedEntry<TKey, TValue> entry) => _writeOrder ? ExpiringEntry<TKey, TValue>.Of(entry).InWriteOrder : entry.Queue == _queue;

    public void AddFirst(BoundedEntry<TKey, TValue> entry)
    {
        Debug.Assert(!Contains(entry), "entry already linked");
        SetPrevious(entry, null);
        SetNext(entry, _first);
        if (_first is null)
        {
            _last = entry;
        }
        else
        {
            SetPrevious(_first, entry);
        }

        _first = entry;
        Mark(entry, true);
        Count++;
    }

    public void Remove(BoundedEntry<TKey, TValue> entry)
    {
        // INVARIANT: only linked entries are removed, so Count never goes negative.
        Debug.Assert(Contains(entry), "entry not in this list");
        BoundedEntry<TKey, TValue>? previous = PreviousOf(entry), next = NextOf(entry);
        if (previous is null)
        {
            _first = next;
        }
        else
        {
            SetNext(previous, next);
        }

        if (next is null)
        {
            _last = previous;
        }
        else
        {
            SetPrevious(next, previous);
        }

        SetPrevious(entry, null);
        SetNext(entry, null);
        Mark(entry, false);
        Count--;
    }

    public void MoveToFront(BoundedEntry<TKey, TValue> entry)
    {
        if (!ReferenceEquals(_first, entry))
        {
            Remove(entry);
            AddFirst(entry);
        }
    }

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="entry"/> was.</summary>
    public void Replace(BoundedEntry<TKey, TValue> entry, BoundedEntry<TKey, TValue> replacement)
    {
        BoundedEntry<TKey, TValue>? previous = PreviousOf(entry), next = NextOf(entry);
        SetPrevious(replacement, previous);
        SetNext(replacement, next);
        if (previous is null)
        {
            _first = replacement;
        }
        else
        {
            SetNext(previous, replacement);
        }

        if (next is null)
        {
            _last = replacement;
        }
        else
        {
            SetPrevious(next, replacement);
        }

        SetPrevious(entry, null);
        SetNext(entry, null);
        Mark(entry, false);
        Mark(replacement, true);
    }

    public void Clear()
    {
        for (BoundedEntry<TKey, TValue>? entry = _first; entry is not null;)
        {
            BoundedEntry<TKey, TValue>? next = NextOf(entry);
            SetPrevious(entry, null);
            SetNext(entry, null);
            Mark(entry, false);
            entry = next;
        }

        _first = _last = null;
        Count = 0;
    }

    private BoundedEntry<TKey, TValue>? PreviousOf(BoundedEntry<TKey, TValue> entry) =>
        _writeOrder ? ExpiringEntry<TKey, TValue>.Of(entry).NewerWrite : entry.Previous;

    private BoundedEntry<TKey, TValue>? NextOf(BoundedEntry<TKey, TValue> entry) =>
        _writeOrder ? ExpiringEntry<TKey, TValue>.Of(entry).OlderWrite : entry.Next;

    private void SetPrevious(BoundedEntry<TKey, TValue> entry, BoundedEntry<TKey, TValue>? value)
    {
        if (_writeOrder)
        {
            ExpiringEntry<TKey, TValue>.Of(entry).NewerWrite = value;
        }
        else
        {
            entry.Previous = value;
        }
    }

    private void SetNext(BoundedEntry<TKey, TValue> entry, BoundedEntry<TKey, TValue>? value)
    {
        if (_writeOrder)
        {
            ExpiringEntry<TKey, TValue>.Of(entry).OlderWrite = value;
        }
        else
        {
            entry.Next = value;
        }
    }

    private void Mark(BoundedEntry<TKey, TValue> entry, bool linked)
    {
        if (_writeOrder)
        {
            ExpiringEntry<TKey, TValue>.Of(entry).InWriteOrder = linked;
        }
        else
        {
            entry.Queue = linked ? _queue : EntryQueue.None;
        }
    }
}
