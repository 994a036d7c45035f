using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MapGuard.Internal;
using static MapGuard.LockFree.SlotMeta;

namespace MapGuard;

public sealed partial class LockFreeMap<TKey, TValue>
{
    /// <summary>
    /// A lookup: <see cref="TryGetValueAtHome"/>, then <see cref="TryGetValueProbe"/> from the same table and hash when
    /// the home slot did not answer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetValueFast(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        Table table = Volatile.Read(ref _table);
        if (!_keys.InlinesEquality)
        {
            return TryGetValueProbe(table, key, HashIn(table, key), out value);
        }

        uint hash = HashAtHome(table, key);
        return TryGetValueAtHome(table, key, hash, out value) || TryGetValueProbe(table, key, hash, out value);
    }

    /// <summary>
    /// <see cref="HashIn"/> for a caller that has checked <see cref="KeyComparer{TKey}.InlinesEquality"/>, without the
    /// comparer checks: that leaves a value type under its default equality, so integer keys start fast
    /// (<see cref="KeyComparer{TKey}.PlacesByIdentity"/>), and only ordinal strings among reference types.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HashAtHome(Table table, TKey key) =>
        _keys.HashInline(key, !(KeyComparer<TKey>.IsIntegerKey || _keys.StartsOnFastHash) || table.RandomizedHash);

    /// <summary>
    /// The common case in straight-line code: the key live in its home slot of <paramref name="table"/>, no writer on
    /// it, no resize in the way; <paramref name="hash"/> is the key's hash there (<see cref="HashAtHome"/>). False means
    /// only "not answered here". No loop and no call, so a caller that leaves the rest to one out-of-line call saves and
    /// spills nothing on the hit path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetValueAtHome(Table table, TKey key, uint hash, [MaybeNullWhen(false)] out TValue value)
    {
        // INVARIANT: HomeSlot < Slots.Length (log2(length) bits of the hash), so no bounds check is needed.
        ref Slot slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table.Slots), HomeSlot(table, hash));

        // ORDER: acquire; pairs with the publishing Volatile.Write of TryClaim/TryCommit/Migrate.
        long meta = Volatile.Read(ref slot.Meta);
        if ((meta & (HashMask | StateMask | Busy)) == (((long)hash << 32) | Live) && _keys.KeysEqualInline(slot.Key, key))
        {
            value = slot.Value;
            // ORDER: Volatile.ReadBarrier: the key and value loads complete before the validating Meta load (no load
            // moves past it); pairs with the writer's release store of Meta.
            Volatile.ReadBarrier();

            // ORDER: the validating read; equal Meta means no write touched the slot since the first read.
            if (Volatile.Read(ref slot.Meta) == meta)
            {
                return true; // LINEARIZATION POINT (hit): the first Meta read, now known to cover the value
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The probe when the home slot did not answer: walks the chain while it holds only other keys' live slots.
    /// Anything else (a busy, dead, moved or sealed slot on the key's path, or another key with the same full hash)
    /// falls back to <see cref="TryGetValueCore"/>, which handles every state and counts collisions.
    /// </summary>
    private bool TryGetValueProbe(Table table, TKey key, uint hash, [MaybeNullWhen(false)] out TValue value)
    {
        Slot[] slots = table.Slots;
        int mask = slots.Length - 1;
        int index = HomeSlot(table, hash);
        long liveWithHash = ((long)hash << 32) | Live; // a Meta with this hash, Live and not busy, any version
        int limit = KeyComparer<TKey>.IsIntegerKey && table.IsIdentityPlaced ? HashHelpers.IdentityProbeBound : slots.Length; // Core counts longer probes
        for (int probes = 0; probes < limit; probes++)
        {
            ref Slot slot = ref slots[index];

            // ORDER: acquire; pairs with the publishing Volatile.Write of TryClaim/TryCommit/Migrate.
            long meta = Volatile.Read(ref slot.Meta);
            if ((meta & (HashMask | StateMask | Busy)) == liveWithHash)
            {
                if (_keys.KeysEqual(slot.Key, key))
                {
                    value = slot.Value;
                    // ORDER: Volatile.ReadBarrier: as in TryGetValueFast.
                    Volatile.ReadBarrier();
                    if (Volatile.Read(ref slot.Meta) == meta)
                    {
                        return true; // LINEARIZATION POINT (hit): the first Meta read, now known to cover the value
                    }
                }

                break; // changed under the read, or a full-hash collision, which the general path counts
            }

            if (meta == Empty)
            {
                value = default;
                return false; // LINEARIZATION POINT (absent): the chain ended with the key not in it
            }

            if (Hash(meta) == hash || State(meta) == Sealed)
            {
                break; // busy, dead or moved with this hash, or a resize in the way: the general path decides
            }

            index = (index + 1) & mask;
        }

        return TryGetValueCore(table, key, hash, out value);
    }

    private bool TryGetValueCore(Table table, TKey key, uint hash, [MaybeNullWhen(false)] out TValue value)
    {
        var probe = new KeyProbe(this, key);
        return TryGetEntryCore(table, ref probe, hash, out _, out value);
    }

    /// <summary>
    /// The general lookup, for any kind of key (<see cref="IKeyProbe{TKey}"/>): every slot state, resizes and collision
    /// counting. Also gives the stored key, for lookups by an alternate key.
    /// </summary>
    private bool TryGetEntryCore<TProbe>(Table table, scoped ref TProbe probe, uint hash, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value)
        where TProbe : IKeyProbe<TKey>, allows ref struct
    {
        var spinner = default(SpinWait);
        while (true)
        {
            Slot[] slots = table.Slots;
            int mask = slots.Length - 1;
            int index = HomeSlot(table, hash);
            bool redirect = false;
            int collisions = 0;
            for (int probes = 0; probes < slots.Length;)
            {
                ref Slot slot = ref slots[index];

                // ORDER: acquire; pairs with the publishing Volatile.Write of TryClaim/TryCommit/Migrate.
                long meta = Volatile.Read(ref slot.Meta);
                if (meta == Empty)
                {
                    actualKey = default;
                    value = default;
                    return false; // LINEARIZATION POINT (absent): the chain ended with the key not in it
                }

                int state = State(meta);
                if (state == Sealed)
                {
                    redirect = true;
                    break;
                }

                if (Hash(meta) == hash)
                {
                    if (IsBusy(meta))
                    {
                        // A claim in progress has not published its key, and its insert has not taken effect: pass it.
                        // Another key's writer: pass it too. Only this key's writer is waited for.
                        if (!IsClaiming(meta) && probe.Matches(slot.Key))
                        {
                            spinner.SpinOnce(); // this key's writer is between its CAS and its publishing store
                            continue;
                        }
                    }
                    else if (probe.Matches(slot.Key))
                    {
                        if (state == Moved)
                        {
                            redirect = true;
                            break;
                        }

                        if (state == Dead)
                        {
                            actualKey = default;
                            value = default;
                            return false; // LINEARIZATION POINT (removed): the Meta read above
                        }

                        actualKey = slot.Key;
                        value = slot.Value;
                        // ORDER: Volatile.ReadBarrier: the key and value loads complete before the validating Meta load (no load
                        // moves past it); pairs with the writer's release store of Meta.
                        Volatile.ReadBarrier();

                        // ORDER: the validating read; equal Meta means no write touched the slot since the first read.
                        if (Volatile.Read(ref slot.Meta) == meta)
                        {
                            return true; // LINEARIZATION POINT (hit): the first Meta read, now known to cover the value
                        }

                        continue;
                    }
                    else
                    {
                        CountFastHashCollision(table, ref collisions);
                    }
                }

                index = (index + 1) & mask;
                CountProbe(table, ++probes);
            }

            // INVARIANT: a Sealed or Moved slot is only ever written after its table's Next was published.
            Table? next = Volatile.Read(ref table.Next);
            if (next is null)
            {
                System.Diagnostics.Debug.Assert(!redirect, "Sealed or Moved slot in a table without Next");
                actualKey = default;
                value = default;
                return false;
            }

            hash = !_keys.StartsFast || table.RandomizedHash == next.RandomizedHash ? hash : probe.Hash(next.RandomizedHash);
            table = next;
        }
    }

    /// <summary>What <see cref="ReadSlot"/> found.</summary>
    private enum SlotContent
    {
        Nothing,
        Entry,
        MovedEntry,
    }

    /// <summary>Reads one slot consistently, waiting out a writer that holds it.</summary>
    private static SlotContent ReadSlot(Slot[] slots, int index, out TKey key, out TValue value)
    {
        var spinner = default(SpinWait);
        ref Slot slot = ref slots[index];
        while (true)
        {
            long meta = Volatile.Read(ref slot.Meta);
            int state = State(meta);
            if (meta == Empty || state is Dead or Sealed)
            {
                key = default!;
                value = default!;
                return SlotContent.Nothing;
            }

            if (IsBusy(meta))
            {
                spinner.SpinOnce(); // the slot's own writer is between its CAS and its publishing store
                continue;
            }

            key = slot.Key;
            value = slot.Value;
            // ORDER: Volatile.ReadBarrier: the key and value loads complete before the validating Meta load (no load
            // moves past it); pairs with the writer's release store of Meta.
            Volatile.ReadBarrier();
            if (Volatile.Read(ref slot.Meta) == meta)
            {
                return state == Moved ? SlotContent.MovedEntry : SlotContent.Entry;
            }
        }
    }

    private IEnumerator<KeyValuePair<TKey, TValue>> Enumerate(Table table)
    {
        Slot[] slots = table.Slots;
        for (int i = 0; i < slots.Length; i++)
        {
            switch (ReadSlot(slots, i, out TKey key, out TValue value))
            {
                case SlotContent.Entry:
                    yield return new KeyValuePair<TKey, TValue>(key, value);
                    break;
                case SlotContent.MovedEntry:
                    // A resize started after this enumeration did: the key's current state is in the next table.
                    Table next = Volatile.Read(ref table.Next)!;
                    if (TryGetValueCore(next, key, HashIn(next, key), out TValue? current))
                    {
                        yield return new KeyValuePair<TKey, TValue>(key, current!);
                    }

                    break;
            }
        }
    }

    /// <summary>A lookup by the key itself, for <see cref="TryGetEntryCore"/>.</summary>
    private readonly struct KeyProbe(LockFreeMap<TKey, TValue> map, TKey key) : IKeyProbe<TKey>
    {
        public uint Hash(bool randomized) => map._keys.Hash(key, randomized);

        public bool Matches(TKey stored) => map._keys.KeysEqual(stored, key);
    }
}
