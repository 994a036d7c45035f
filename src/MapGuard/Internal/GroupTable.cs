using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MapGuard.Internal;

/// <summary>
/// A single-threaded hash table with the observable behaviour of <see cref="Dictionary{TKey, TValue}"/> (exceptions,
/// enumerator invalidation, removal during enumeration), laid out to be small and to find a key with one vector
/// compare: open addressing over groups of 16 slots, each slot with a one-byte control in a separate array. The
/// storage of <see cref="GuardedDictionary{TKey, TValue}"/>.
/// </summary>
/// <remarks>
/// Enumeration order is slot order, not insertion order (<see cref="Dictionary{TKey, TValue}"/> promises no order
/// either). Hashing is <see cref="KeyComparer{TKey}"/>'s: seeded, so chosen integer keys cannot collide. String keys
/// compared ordinally start on a faster unrandomized hash and move to the runtime's randomized one for good once
/// keys crowd a group beyond chance, as <see cref="Dictionary{TKey, TValue}"/>'s do.
/// </remarks>
internal sealed partial class GroupTable<TKey, TValue>
    where TKey : notnull
{
    /*
     * Concurrency: none. Every member assumes one thread at a time (GuardedDictionary enforces it, or detects that it
     *   was not). What a racing reader can meet is bounded instead: a probe reads control groups inside the control
     *   array it loaded, indexes slots with bounds checks, and ends after one lap.
     * Layout: _controls[i] describes _slots[i]: Empty, Deleted (a tombstone: probes pass it, inserts reuse it), or
     *   the low 7 bits of the key's hash (the tag). A key's probe visits whole groups of 16 slots, from its home group
     *   (the top bits of its hash) onwards, and ends at the first group holding an Empty. One SIMD compare of a group's
     *   controls against the tag finds the candidate slots; a false candidate has odds of 1 in 128.
     * Removal: a group that holds an Empty has held one ever since the last rebuild (a removal from a group without
     *   an Empty leaves a tombstone), so no probe ever passed it, and a removal there leaves an Empty. Removal never
     *   moves a key, so an enumerator never skips or repeats one (Dictionary allows Remove and Clear during
     *   enumeration).
     * Resizing: live keys plus tombstones stay at most 3/4 of the slots (_threshold), so every probe meets an Empty.
     *   An insert that would pass it rebuilds the table, at a size whose threshold holds twice the live keys: a
     *   bigger table, or the same size without tombstones. The rebuild fills new arrays and publishes them only at
     *   the end, so a comparer that throws from GetHashCode leaves the table as it was; it bumps the version, as a
     *   Dictionary resize does. Every comparer call of an operation comes before its first store.
     * References: Abseil's SwissTable (Benzaquen, Evlogimenos, Kulukundis and Perepelitsa, CppCon 2017) and Facebook's
     *   F14 for the tag bytes and group probing; Lemire's multiply-shift range reduction for the home group; .NET's
     *   Dictionary for the public behaviour matched here.
     */

    private const int GroupSize = 16; // one Vector128 of controls
    private const byte Empty = 0x80;
    private const byte Deleted = 0xFE; // Empty and Deleted have the top bit set; a tag never does
    private const byte TagMask = 0x7F;

    // The largest table: 2^30 slots, well inside an array's limits.
    private const int MaxLength = 1 << 30;

    // Shared by every instance before its first insert (and after TrimExcess to 0): one group of Empty controls and no
    // slots, so every probe ends at once. Never written: an insert rebuilds first (the threshold is 0).
    private static readonly byte[] s_noControls = CreateControls(GroupSize);
    private static readonly Slot[] s_noSlots = [];

    private KeyComparer<TKey> _keys; // replaced at most once, by Insert: string keys back to the randomized hash
    private readonly IEqualityComparer<TKey> _comparer;
    private object _reportedAs; // the map HashFloodMonitor names: this table, or the map built on it
    private byte[] _controls = s_noControls; // a multiple of GroupSize long
    private Slot[] _slots = s_noSlots; // as long as _controls, except in the shared empty table
    private int _count; // live keys
    private int _deleted; // tombstones
    private int _threshold; // live keys plus tombstones allowed before a rebuild: 3/4 of the slots
    private int _version; // bumped by every insert of a new key and every rebuild, as Dictionary's

    /// <summary>Creates an empty table that holds <paramref name="capacity"/> keys before it resizes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public GroupTable(int capacity, IEqualityComparer<TKey>? comparer)
    {
        if (capacity < 0)
        {
            Throw.ArgumentOutOfRange(nameof(capacity), capacity, "The capacity must not be negative.");
        }

        _keys = new KeyComparer<TKey>(comparer, unrandomizedStrings: true);
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
        _reportedAs = this;
        RunsNoUserCode = _keys.IsProtected;
        if (capacity > 0)
        {
            Rebuild(LengthFor(capacity));
        }
    }

    /// <summary>Makes <see cref="HashFloodMonitor"/> reports about this table name <paramref name="map"/>, the map built on it.</summary>
    public void ReportAs(object map) => _reportedAs = map;

    /// <summary>The comparer given at construction, or <see cref="EqualityComparer{T}.Default"/>.</summary>
    public IEqualityComparer<TKey> Comparer => _comparer;

    /// <summary>The number of keys.</summary>
    public int Count => _count;

    /// <summary>
    /// Whether hashing and comparing keys runs only runtime code (primitive keys, strings under the runtime's
    /// comparers): then <see cref="Remove(TKey, out TValue)"/> of a non-null key and
    /// <see cref="TrySetWithoutGrowing"/> cannot throw.
    /// </summary>
    public bool RunsNoUserCode { get; }

    /// <summary>Whether string keys are still hashed with the unrandomized hash (see Insert).</summary>
    internal bool HasUnrandomizedStrings => _keys.HasUnrandomizedStrings;

    /// <summary>How many keys fit before the next resize.</summary>
    public int Capacity => _threshold;

    /// <summary>The slot index of <paramref name="key"/>, or -1 if absent.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <remarks>
    /// Never inlined, and hashing inside: inlined into a caller's loop (the guard's read, a benchmark's loop) the
    /// lookup left too few registers, and the spills of values that a cache miss produces cut how many lookups of a
    /// large table the processor overlaps: GuardedDictionary's get on a million long keys took 75 ns inlined and 52 ns
    /// as a call (Dictionary: 53 ns). The key is hashed inside, so a string key's hash stays out of the caller too.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int IndexOf(TKey key)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        return Find(key, _keys.Hash(key));
    }

    /// <summary>
    /// Looks in the key's home group, which settles almost every lookup below the load limit, and hands the rest to
    /// <see cref="ProbeOn"/>. Inlined only into the non-inlined operations that need an index (<see cref="IndexOf"/>,
    /// <see cref="Remove(TKey, out TValue)"/>, <see cref="Insert"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(TKey key, uint hash)
    {
        byte[] controls = _controls;
        int start = HomeGroup(hash, controls.Length / GroupSize) * GroupSize;

        // INVARIANT: start + GroupSize <= controls.Length (HomeGroup is below the group count).
        Vector128<byte> control = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(controls), (nuint)start);
        uint candidates = Vector128.Equals(control, Vector128.Create((byte)(hash & TagMask))).ExtractMostSignificantBits();
        if (candidates != 0 && BitOperations.PopCount(candidates) <= HashFloodMonitor.CollisionBound)
        {
            Slot[] slots = _slots;
            do
            {
                int index = start + BitOperations.TrailingZeroCount(candidates);
                if (_keys.KeysEqual(slots[index].Key, key))
                {
                    return index;
                }

                candidates &= candidates - 1;
            }
            while (candidates != 0);
        }

        if (Vector128.Equals(control, Vector128.Create(Empty)) != Vector128<byte>.Zero && candidates == 0)
        {
            return -1; // no probe ever passed a group with an Empty: the key is absent
        }

        return ProbeOn(key, hash);
    }

    /// <summary>The whole probe for <paramref name="key"/>, from its home group on, counting the keys that share its
    /// tag but are not equal to it for <see cref="HashFloodMonitor"/>. Ends after one lap.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ProbeOn(TKey key, uint hash)
    {
        byte[] controls = _controls;
        Slot[] slots = _slots;
        int groups = controls.Length / GroupSize;
        int group = HomeGroup(hash, groups);
        var tag = Vector128.Create((byte)(hash & TagMask));
        int collisions = 0;
        for (int lap = groups; lap > 0; lap--)
        {
            int start = group * GroupSize;
            Vector128<byte> control = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(controls), (nuint)start);
            uint candidates = Vector128.Equals(control, tag).ExtractMostSignificantBits();
            while (candidates != 0)
            {
                int index = start + BitOperations.TrailingZeroCount(candidates);
                if (_keys.KeysEqual(slots[index].Key, key))
                {
                    return index;
                }

                // A chance tag match is 1 in 128 per slot, so nine in one operation means keys that share a hash.
                HashFloodMonitor.CountCollision(ref collisions, _reportedAs);
                candidates &= candidates - 1;
            }

            if (Vector128.Equals(control, Vector128.Create(Empty)) != Vector128<byte>.Zero)
            {
                break;
            }

            group = group + 1 < groups ? group + 1 : 0;
        }

        return -1;
    }

    /// <summary>Gets the value of <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        int index = IndexOf(key);
        if (index >= 0)
        {
            value = _slots[index].Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Gets the value of <paramref name="key"/>, or throws <see cref="KeyNotFoundException"/>.</summary>
    public TValue Get(TKey key)
    {
        int index = IndexOf(key);
        if (index < 0)
        {
            Throw.KeyNotFound(key);
        }

        return _slots[index].Value;
    }

    /// <summary>Whether some key holds <paramref name="value"/> (compared with <see cref="EqualityComparer{T}.Default"/>).</summary>
    public bool ContainsValue(TValue value)
    {
        byte[] controls = _controls;
        Slot[] slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (controls[i] < Empty && EqualityComparer<TValue>.Default.Equals(slots[i].Value, value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="key"/> is present with <paramref name="value"/>.</summary>
    public bool Contains(TKey key, TValue value)
    {
        int index = IndexOf(key);
        return index >= 0 && EqualityComparer<TValue>.Default.Equals(_slots[index].Value, value);
    }

    /// <summary>Sets the value of <paramref name="key"/>, adding the key if absent.</summary>
    public void Set(TKey key, TValue value) => Insert(key, value, InsertBehavior.Overwrite);

    /// <summary>Whether one more key fits without a rebuild (a string key that crowds its group may still need one).</summary>
    public bool HasRoom => _count + _deleted < _threshold;

    /// <summary>
    /// Sets the value of <paramref name="key"/> if that needs no resize: an overwrite, or an insert into a free slot.
    /// Returns false, and changes nothing, when the insert would have to rebuild the table (allocation, the one thing
    /// here that can throw when <see cref="RunsNoUserCode"/>).
    /// </summary>
    public bool TrySetWithoutGrowing(TKey key, TValue value) => Insert(key, value, InsertBehavior.OverwriteWithoutRebuild);

    /// <summary>Adds <paramref name="key"/>, or throws <see cref="ArgumentException"/> if it is present.</summary>
    public void Add(TKey key, TValue value) => Insert(key, value, InsertBehavior.ThrowIfPresent);

    /// <summary>Adds <paramref name="key"/> unless it is present.</summary>
    public bool TryAdd(TKey key, TValue value) => Insert(key, value, InsertBehavior.KeepExisting);

    /// <summary>Removes <paramref name="key"/>. Does not invalidate enumerators, as Dictionary's Remove does not.</summary>
    public bool Remove(TKey key) => Remove(key, out _);

    /// <summary>Removes <paramref name="key"/> and returns its value. Does not invalidate enumerators.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool Remove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        int index = Find(key, _keys.Hash(key));
        if (index < 0)
        {
            value = default;
            return false;
        }

        value = _slots[index].Value;
        RemoveAt(index);
        return true;
    }

    /// <summary>Removes <paramref name="key"/> if it is present with <paramref name="value"/>.</summary>
    public bool Remove(TKey key, TValue value)
    {
        int index = IndexOf(key);
        if (index < 0 || !EqualityComparer<TValue>.Default.Equals(_slots[index].Value, value))
        {
            return false;
        }

        RemoveAt(index);
        return true;
    }

    /// <summary>Removes every key, keeping the slots. Does not invalidate enumerators, as Dictionary's Clear does not.</summary>
    public void Clear()
    {
        if (_count + _deleted > 0)
        {
            _controls.AsSpan().Fill(Empty);
            if (RuntimeHelpers.IsReferenceOrContainsReferences<Slot>())
            {
                Array.Clear(_slots);
            }

            _count = 0;
            _deleted = 0;
        }
    }

    /// <summary>Resizes so that <paramref name="capacity"/> keys fit; returns the new <see cref="Capacity"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public int EnsureCapacity(int capacity)
    {
        if (capacity < 0)
        {
            Throw.ArgumentOutOfRange(nameof(capacity), capacity, "The capacity must not be negative.");
        }

        if (capacity > _threshold)
        {
            Rebuild(LengthFor(capacity));
        }

        return _threshold;
    }

    /// <summary>Shrinks the slots to the smallest table that holds <paramref name="capacity"/> keys, if that is smaller.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than <see cref="Count"/>.</exception>
    public void TrimExcess(int capacity)
    {
        if (capacity < _count)
        {
            Throw.ArgumentOutOfRange(nameof(capacity), capacity, "The capacity must be at least the number of entries.");
        }

        int length = capacity == 0 ? 0 : LengthFor(capacity);
        if (length < _slots.Length || (length == _slots.Length && _deleted > 0))
        {
            Rebuild(length);
        }
    }

    /// <summary>Copies the entries to <paramref name="array"/> from <paramref name="index"/>, with Dictionary's checks.</summary>
    public void CopyTo(KeyValuePair<TKey, TValue>[] array, int index)
    {
        CheckCopyTarget(array, index);
        byte[] controls = _controls;
        Slot[] slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (controls[i] < Empty)
            {
                array[index++] = new KeyValuePair<TKey, TValue>(slots[i].Key, slots[i].Value);
            }
        }
    }

    /// <summary>Copies the keys to <paramref name="array"/> from <paramref name="index"/>.</summary>
    public void CopyKeysTo(TKey[] array, int index)
    {
        CheckCopyTarget(array, index);
        byte[] controls = _controls;
        Slot[] slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (controls[i] < Empty)
            {
                array[index++] = slots[i].Key;
            }
        }
    }

    /// <summary>Copies the values to <paramref name="array"/> from <paramref name="index"/>.</summary>
    public void CopyValuesTo(TValue[] array, int index)
    {
        CheckCopyTarget(array, index);
        byte[] controls = _controls;
        Slot[] slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (controls[i] < Empty)
            {
                array[index++] = slots[i].Value;
            }
        }
    }

    private bool Insert(TKey key, TValue value, InsertBehavior behavior)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        uint hash = _keys.Hash(key);
        int index = Find(key, hash);
        if (index >= 0)
        {
            switch (behavior)
            {
                case InsertBehavior.Overwrite:
                case InsertBehavior.OverwriteWithoutRebuild:
                    _slots[index].Value = value; // an overwrite keeps enumerators valid, as Dictionary's does
                    return true;
                case InsertBehavior.ThrowIfPresent:
                    Throw.DuplicateKey(key);
                    break;
            }

            return false;
        }

        // The key is absent. What can throw (the comparer, a rebuild's allocation and rehashing) runs before the
        // first store below.
        if (typeof(TKey) == typeof(string) && _keys.HasUnrandomizedStrings && IsCrowded(hash))
        {
            if (behavior == InsertBehavior.OverwriteWithoutRebuild)
            {
                return false;
            }

            // More keys share this key's tag in its home group than chance allows: strings that collide under the
            // unrandomized hash, perhaps chosen to. Go back to the runtime's randomized hash for good, as a Dictionary
            // does (it switches after 100 collisions in one chain).
            Rebuild(_slots.Length, _keys.WithRandomizedStrings());
            hash = _keys.Hash(key);
        }

        index = FindFree(_controls, hash);
        if (_controls[index] == Deleted)
        {
            _deleted--;
        }
        else if (_count + _deleted >= _threshold)
        {
            if (behavior == InsertBehavior.OverwriteWithoutRebuild)
            {
                return false;
            }

            Rebuild(LengthFor(Math.Max(_count * 2, _count + 1)));
            index = FindFree(_controls, hash);
        }

        _controls[index] = (byte)(hash & TagMask);
        _slots[index] = new Slot { Key = key, Value = value };
        _count++;
        _version++;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RemoveAt(int index)
    {
        byte[] controls = _controls;
        int start = index & ~(GroupSize - 1);
        Vector128<byte> group = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(controls), (nuint)start);
        // A group with an Empty was never passed by a probe (see the header), so it needs no tombstone. Branch-free:
        // which case applies shifts as a table empties, so a branch here would mispredict; a conditional move does not.
        bool passable = Vector128.Equals(group, Vector128.Create(Empty)) == Vector128<byte>.Zero;
        controls[index] = passable ? Deleted : Empty;
        _deleted += passable ? 1 : 0;

        if (RuntimeHelpers.IsReferenceOrContainsReferences<Slot>())
        {
            _slots[index] = default; // let the collector have the key and value
        }

        _count--;
    }

    /// <summary>Whether the home group of <paramref name="hash"/> holds more keys with its tag than
    /// <see cref="HashFloodMonitor.CollisionBound"/>: by chance, odds below 1 in 10^15.</summary>
    private bool IsCrowded(uint hash)
    {
        byte[] controls = _controls;
        int start = HomeGroup(hash, controls.Length / GroupSize) * GroupSize;
        Vector128<byte> control = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(controls), (nuint)start);
        uint sharing = Vector128.Equals(control, Vector128.Create((byte)(hash & TagMask))).ExtractMostSignificantBits();
        return BitOperations.PopCount(sharing) > HashFloodMonitor.CollisionBound;
    }

    private void Rebuild(int length) => Rebuild(length, _keys);

    /// <summary>Moves every live key into fresh arrays of <paramref name="length"/> slots (0: the shared empty table),
    /// hashed by <paramref name="keys"/>. Rehashes each key, so it may throw from the comparer; the table changes only
    /// after the last key is placed.</summary>
    private void Rebuild(int length, KeyComparer<TKey> keys)
    {
        byte[] controls = s_noControls;
        Slot[] slots = s_noSlots;
        if (length > 0)
        {
            controls = CreateControls(length);
            slots = new Slot[length];
            byte[] oldControls = _controls;
            Slot[] oldSlots = _slots;
            for (int i = 0; i < oldSlots.Length; i++)
            {
                if (oldControls[i] < Empty)
                {
                    uint hash = keys.Hash(oldSlots[i].Key);
                    int index = FindFree(controls, hash);
                    controls[index] = (byte)(hash & TagMask);
                    slots[index] = oldSlots[i];
                }
            }
        }

        _keys = keys;
        _controls = controls;
        _slots = slots;
        _threshold = length - (length / 4);
        _deleted = 0;
        _version++;
    }

    /// <summary>The first Empty or Deleted slot on <paramref name="hash"/>'s probe: where its key goes. The table has one.</summary>
    private static int FindFree(byte[] controls, uint hash)
    {
        int groups = controls.Length / GroupSize;
        int group = HomeGroup(hash, groups);
        while (true)
        {
            int start = group * GroupSize;
            uint free = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(controls), (nuint)start).ExtractMostSignificantBits();
            if (free != 0)
            {
                // A lookup of this key passes every earlier group: none had a free slot, so none had an Empty.
                return start + BitOperations.TrailingZeroCount(free);
            }

            group = group + 1 < groups ? group + 1 : 0;
        }
    }

    /// <summary>
    /// The group where the probe for <paramref name="hash"/> starts: the hash scaled into [0, <paramref name="groups"/>)
    /// by one multiply, so any number of groups works (Lemire, "A fast alternative to the modulo reduction", 2016). It
    /// reads the hash's top bits, which KeyComparer's multiply-shift hashing mixes best; the tag takes the low 7.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HomeGroup(uint hash, int groups) => (int)(((ulong)hash * (uint)groups) >> 32);

    private static byte[] CreateControls(int length)
    {
        var controls = new byte[length];
        controls.AsSpan().Fill(Empty);
        return controls;
    }

    /// <summary>The smallest table (whole groups) whose threshold, 3/4 of its slots, holds <paramref name="capacity"/>.</summary>
    /// <remarks>
    /// Any number of groups, not a power of two: a table sized for 1,024 long keys and values takes about 23 KB, where
    /// a Dictionary takes about 29 KB. 3/4 rather than SwissTable's 7/8: a table filled to its capacity then keeps
    /// almost every key in its home group, which the inlined part of a lookup covers.
    /// </remarks>
    private static int LengthFor(int capacity)
    {
        long slots = (((long)capacity * 4) + 2) / 3;
        long length = (slots + GroupSize - 1) / GroupSize * GroupSize;
        if (length > MaxLength)
        {
            Throw.ArgumentOutOfRange(nameof(capacity), capacity, "The capacity is larger than a table can hold.");
        }

        return (int)length;
    }

    private void CheckCopyTarget<TItem>(TItem[] array, int index)
    {
        ArgumentNullException.ThrowIfNull(array);
        if ((uint)index > (uint)array.Length)
        {
            Throw.ArgumentOutOfRange(nameof(index), index, "The index must be within the array.");
        }

        if (array.Length - index < _count)
        {
            throw new ArgumentException("The destination array is too small to hold every entry from the index on.", nameof(array));
        }
    }

    private enum InsertBehavior
    {
        Overwrite,
        OverwriteWithoutRebuild,
        ThrowIfPresent,
        KeepExisting,
    }

    private struct Slot
    {
        public TKey Key;
        public TValue Value;
    }
}
