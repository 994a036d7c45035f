using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MapGuard.Internal;
using static MapGuard.LockFree.SlotMeta;

namespace MapGuard;

public sealed partial class LockFreeMap<TKey, TValue>
{
    /// <summary>
    /// Finds where a writer of <paramref name="key"/> must act, in a table with no resize in progress: the non-busy
    /// slot that holds the key (Live or Dead), or the empty slot that ends its probe chain (<paramref name="meta"/> is
    /// then 0). Migrates the key out of any table that is being resized first. When the key is absent and the table is
    /// full and cannot grow (<see cref="MaxCapacity"/>), returns a null reference with <paramref name="meta"/> 0, which
    /// <see cref="TryClaim"/> turns into an exception. <paramref name="hash"/> is the key's hash in <paramref name="table"/>.
    /// </summary>
    private ref Slot Locate(TKey key, out uint hash, out Table table, out long meta)
    {
        table = Volatile.Read(ref _table);
        hash = HashIn(table, key);
        var spinner = default(SpinWait);
        while (true)
        {
            if (Volatile.Read(ref table.Next) is Table next)
            {
                HelpCopy(table);
                EnsureMigrated(table, next, key, hash);
                hash = HashAcross(table, next, key, hash);
                table = next;
                continue;
            }

            Slot[] slots = table.Slots;
            int mask = slots.Length - 1;
            int index = HomeSlot(table, hash);
            int probes = 0;
            int collisions = 0; // other keys with this full hash: chance gives a few, an attack gives thousands
            while (probes < slots.Length)
            {
                ref Slot slot = ref slots[index];
                meta = Volatile.Read(ref slot.Meta);
                if (meta == Empty)
                {
                    return ref slot;
                }

                int state = State(meta);
                if (state == Sealed)
                {
                    break; // a resize has started: the outer loop sees Next
                }

                if (Hash(meta) == hash)
                {
                    // A claim in progress may be this key's: wait for its publishing store. A published key's slot
                    // (busy or not) is compared, and only this key's writer is waited for.
                    if (IsClaiming(meta) || (IsBusy(meta) && _keys.KeysEqual(slot.Key, key)))
                    {
                        spinner.SpinOnce();
                        continue;
                    }

                    if (!IsBusy(meta) && _keys.KeysEqual(slot.Key, key))
                    {
                        if (state == Moved)
                        {
                            break;
                        }

                        return ref slot;
                    }

                    CountCollision(table, ref collisions);
                }

                index = (index + 1) & mask;
                CountProbe(table, ++probes);
            }

            if (probes == slots.Length)
            {
                // No empty slot at all: claims raced far past the threshold, or the table is at its size limit.
                // Resize, or help the resize that blocks this one, and retry; at the limit, report no room.
                if (!StartResize(table) && ReferenceEquals(table, Volatile.Read(ref _table)) && Volatile.Read(ref table.Next) is null)
                {
                    meta = Empty;
                    return ref Unsafe.NullRef<Slot>();
                }

                HelpCopy(Volatile.Read(ref _table));
                spinner.SpinOnce();
            }
        }
    }

    /// <summary>
    /// Counts a stored key that shares the probing key's full hash but is not equal to it. On a fast start (the
    /// unseeded string hash, or integers' own bits), more than <see cref="HashFloodMonitor.CollisionBound"/> in one
    /// probe rebuilds the map on the randomized hash; otherwise the monitor counts it.
    /// </summary>
    private void CountCollision(Table table, ref int collisions)
    {
        if (_keys.StartsFast && !table.RandomizedHash)
        {
            CountFastHashCollision(table, ref collisions);
        }
        else
        {
            HashFloodMonitor.CountCollision(ref collisions, this, _label);
        }
    }

    /// <summary>
    /// As <see cref="CountCollision"/>, for a probe of a table on a fast start only: chance gives a few keys of one
    /// 32-bit hash; more than <see cref="HashFloodMonitor.CollisionBound"/> is an attack on the unseeded hash.
    /// </summary>
    private void CountFastHashCollision(Table table, ref int collisions)
    {
        if (_keys.StartsFast && !table.RandomizedHash && ++collisions == HashFloodMonitor.CollisionBound + 1)
        {
            RandomizeHash();
        }
    }

    /// <summary>
    /// Called as a probe passes its <paramref name="probes"/>th slot. In an identity-placed table, a probe longer than
    /// <see cref="HashHelpers.IdentityProbeBound"/> means the keys' low bits do not spread them: the map moves to the seeded hash.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountProbe(Table table, int probes)
    {
        if (KeyComparer<TKey>.IsIntegerKey && probes == HashHelpers.IdentityProbeBound && table.IsIdentityPlaced)
        {
            RandomizeHash();
        }
    }

    /// <summary>
    /// Makes every table built from now on use the randomized hash (for integer keys, the seeded one instead of their
    /// own bits), and moves the map's keys to one: starts a resize of the current table (or finishes the one running)
    /// and finishes the copy on this thread, so the flooded chain is gone when it returns, even if no write follows.
    /// O(table) work, once per map; the only writes a read ever makes.
    /// </summary>
    private void RandomizeHash()
    {
        Volatile.Write(ref _randomizeHash, true);
        var spinner = default(SpinWait);
        Table table;
        while (!(table = Volatile.Read(ref _table)).RandomizedHash)
        {
            StartResize(table, retiring: true); // builds a randomized table, unless a resize is already running
            FinishCopy(table);
            spinner.SpinOnce(); // Next may still be being allocated by the thread that claimed the resize
        }
    }

    /// <summary>Claims the empty slot <paramref name="slot"/> for a new key. False when another thread took it first.</summary>
    private bool TryClaim(Table table, ref Slot slot, TKey key, uint hash, TValue value)
    {
        if (Unsafe.IsNullRef(ref slot))
        {
            throw new InvalidOperationException($"LockFreeMap is full: its table cannot grow past {_maxCapacity} slots.");
        }

        // A claim in the table that the current one is being copied into counts against that table's free room. (A
        // claim in an older, fully copied table simply fails: every slot there is Moved or Sealed.)
        Table current = Volatile.Read(ref _table);
        bool direct = !ReferenceEquals(table, current) && ReferenceEquals(Volatile.Read(ref current.Next), table);
        if (direct && Interlocked.Increment(ref table.DirectClaims) > table.DirectLimit)
        {
            // The new table's free room is spent until its predecessor is copied in: finish that copy, then retry.
            Interlocked.Decrement(ref table.DirectClaims);
            Interlocked.Increment(ref _directLimitWaits);
            FinishCopy(current);
            return false;
        }

        long claiming = Claiming(hash);
        if (Interlocked.CompareExchange(ref slot.Meta, claiming, Empty) != Empty)
        {
            if (direct)
            {
                Interlocked.Decrement(ref table.DirectClaims); // return the unused reservation
            }

            return false;
        }

        slot.Key = key;
        slot.Value = value;

        // ORDER: release; publishes key and value to readers' acquire of Meta. LINEARIZATION POINT of an insert.
        Volatile.Write(ref slot.Meta, Published(claiming, Live, _versionMask));
        _count.Add(1);
        if (Interlocked.Increment(ref table.Claimed) > table.Threshold)
        {
            StartResize(table);
        }

        return true;
    }

    /// <summary>
    /// Replaces the value and state of a slot whose Meta is still exactly <paramref name="meta"/>. False when any other
    /// write reached the slot first (its version changed), so the caller's decision is stale and must be retried; false
    /// too when the slot has used its last version, after starting the resize that moves the key to a fresh slot.
    /// </summary>
    private bool TryCommit(Table table, ref Slot slot, long meta, TValue value, int state)
    {
        if (IsLastVersion(meta, _versionMask))
        {
            RetireSlot(table); // INVARIANT (SlotMeta): a version never wraps, so no Meta word ever comes back
            return false;
        }

        // ORDER: CAS (full fence) takes the busy bit; it succeeds only if nothing was written since `meta` was read.
        if (Interlocked.CompareExchange(ref slot.Meta, meta | Busy, meta) != meta)
        {
            return false;
        }

        slot.Value = value;

        // ORDER: release; pairs with readers' acquire and validating reads. LINEARIZATION POINT of the write.
        Volatile.Write(ref slot.Meta, Published(meta, state, _versionMask));
        return true;
    }

    /// <summary>Reads the value of a slot whose Meta was <paramref name="meta"/>; false if a write intervened.</summary>
    private static bool TryReadValue(ref Slot slot, long meta, out TValue value)
    {
        value = slot.Value;
        // ORDER: Volatile.ReadBarrier: the key and value loads complete before the validating Meta load (no load
        // moves past it); pairs with the writer's release store of Meta.
        Volatile.ReadBarrier();
        return Volatile.Read(ref slot.Meta) == meta;
    }

    private void SetCore(TKey key, TValue value)
    {
        while (true)
        {
            ref Slot slot = ref Locate(key, out uint hash, out Table table, out long meta);
            if (meta == Empty)
            {
                if (TryClaim(table, ref slot, key, hash, value))
                {
                    return;
                }
            }
            else if (TryCommit(table, ref slot, meta, value, Live))
            {
                if (State(meta) == Dead)
                {
                    _count.Add(1);
                }

                return;
            }
        }
    }

    private bool TryAddCore(TKey key, TValue value, [MaybeNullWhen(true)] out TValue existing)
    {
        while (true)
        {
            ref Slot slot = ref Locate(key, out uint hash, out Table table, out long meta);
            if (meta == Empty)
            {
                if (TryClaim(table, ref slot, key, hash, value))
                {
                    existing = default;
                    return true;
                }
            }
            else if (State(meta) == Dead)
            {
                if (TryCommit(table, ref slot, meta, value, Live))
                {
                    _count.Add(1);
                    existing = default;
                    return true;
                }
            }
            else if (TryReadValue(ref slot, meta, out existing))
            {
                return false;
            }
        }
    }

    // matchValue: remove only if the value equals comparisonValue, for TryRemove(KeyValuePair).
    private bool TryRemoveCore(TKey key, [MaybeNullWhen(false)] out TValue value, bool matchValue = false, TValue? comparisonValue = default)
    {
        while (true)
        {
            ref Slot slot = ref Locate(key, out _, out Table table, out long meta);
            if (meta == Empty || State(meta) == Dead)
            {
                value = default;
                return false;
            }

            if (matchValue)
            {
                // As TryUpdateCore: compare a validated value; the commit below fails if a write came in after it.
                if (!TryReadValue(ref slot, meta, out TValue current))
                {
                    continue;
                }

                if (!EqualityComparer<TValue>.Default.Equals(current, comparisonValue))
                {
                    value = default;
                    return false;
                }
            }

            value = slot.Value;

            // The old value is cleared so the map does not keep a removed object alive; the key stays until resize.
            if (TryCommit(table, ref slot, meta, default!, Dead))
            {
                _count.Add(-1);
                return true;
            }
        }
    }

    private bool TryUpdateCore(TKey key, TValue newValue, TValue comparisonValue)
    {
        while (true)
        {
            ref Slot slot = ref Locate(key, out _, out Table table, out long meta);
            if (meta == Empty || State(meta) == Dead)
            {
                return false;
            }

            if (!TryReadValue(ref slot, meta, out TValue current))
            {
                continue;
            }

            if (!EqualityComparer<TValue>.Default.Equals(current, comparisonValue))
            {
                return false;
            }

            if (TryCommit(table, ref slot, meta, newValue, Live))
            {
                return true;
            }
        }
    }

    private TValue AddOrUpdateCore(TKey key, TValue addValue, Func<TKey, TValue>? addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        while (true)
        {
            ref Slot slot = ref Locate(key, out uint hash, out Table table, out long meta);
            if (meta == Empty || State(meta) == Dead)
            {
                // The factory runs before any slot is touched, so a throwing factory changes nothing.
                TValue added = addValueFactory is null ? addValue : addValueFactory(key);
                if (meta == Empty ? TryClaim(table, ref slot, key, hash, added) : TryCommit(table, ref slot, meta, added, Live))
                {
                    if (meta != Empty)
                    {
                        _count.Add(1);
                    }

                    return added;
                }

                continue;
            }

            // Validate before calling user code, so the factory never sees a half-written value.
            if (!TryReadValue(ref slot, meta, out TValue current))
            {
                continue;
            }

            TValue updated = updateValueFactory(key, current);
            if (TryCommit(table, ref slot, meta, updated, Live))
            {
                return updated;
            }
        }
    }
}
