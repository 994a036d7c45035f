using System.Runtime.CompilerServices;
using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using MapGuard.Telemetry;

namespace MapGuard.Internal;

/// <summary>
/// The one implementation of the part of <c>ConcurrentDictionary</c>'s surface that is built from a map's core
/// operations: snapshots (<c>Keys</c>, <c>Values</c>, <c>ToArray</c>, <c>CopyTo</c>), the <c>TArg</c> overloads and
/// the non-generic <see cref="IDictionary"/> members. <see cref="IConcurrentMap{TKey, TValue}"/>'s default bodies and
/// every concrete map's public members call it, so the semantics, exceptions and parameter names live here once.
/// </summary>
/// <remarks>The exceptions, their parameter names and the order of the checks follow dotnet/runtime's
/// <c>ConcurrentDictionary</c> (MIT), from which this behaviour is learned; no code is copied.</remarks>
internal static class MapSurface<TKey, TValue>
    where TKey : notnull
{
    /// <summary>
    /// Checks <c>ConcurrentDictionary</c>'s <c>concurrencyLevel</c> argument (at least 1, or -1 for the default) and
    /// then <paramref name="capacity"/>, in its order, and returns <paramref name="capacity"/>.
    /// </summary>
    public static int CheckConcurrencyLevelAndCapacity(int concurrencyLevel, int capacity)
    {
        CheckConcurrencyLevel(concurrencyLevel);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        return capacity;
    }

    /// <summary>Checks <c>ConcurrentDictionary</c>'s <c>concurrencyLevel</c> argument: at least 1, or -1 for the default.</summary>
    public static int CheckConcurrencyLevel(int concurrencyLevel)
    {
        if (concurrencyLevel < 1 && concurrencyLevel != -1)
        {
            throw new ArgumentOutOfRangeException(nameof(concurrencyLevel), concurrencyLevel, "The concurrency level must be positive or -1.");
        }

        return concurrencyLevel;
    }

    /// <summary>The capacity to reserve for <paramref name="collection"/>: its count when it has one, else 0.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> is null.</exception>
    public static int CapacityOf(IEnumerable<KeyValuePair<TKey, TValue>> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return collection switch
        {
            ICollection<KeyValuePair<TKey, TValue>> sized => sized.Count,
            IReadOnlyCollection<KeyValuePair<TKey, TValue>> sized => sized.Count,
            _ => 0,
        };
    }

    /// <summary>As <see cref="CapacityOf(IEnumerable{KeyValuePair{TKey, TValue}})"/>, after checking
    /// <paramref name="concurrencyLevel"/> as <see cref="CheckConcurrencyLevel"/> does.</summary>
    public static int CapacityOf(int concurrencyLevel, IEnumerable<KeyValuePair<TKey, TValue>> collection)
    {
        int capacity = CapacityOf(collection);
        CheckConcurrencyLevel(concurrencyLevel);
        return capacity;
    }

    /// <summary>
    /// Adds every entry of <paramref name="collection"/> to a new <paramref name="map"/>, as <c>ConcurrentDictionary</c>'s
    /// collection constructors do: a null key throws <see cref="ArgumentNullException"/> (<c>key</c>), a repeated key
    /// <see cref="ArgumentException"/>.
    /// </summary>
    public static void Fill(IConcurrentMap<TKey, TValue> map, IEnumerable<KeyValuePair<TKey, TValue>> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        foreach (KeyValuePair<TKey, TValue> pair in collection)
        {
            if (!map.TryAdd(pair.Key, pair.Value))
            {
                throw new ArgumentException("The source argument contains duplicate keys.");
            }
        }
    }

    /// <summary>The entries as the map's enumeration yields them.</summary>
    public static KeyValuePair<TKey, TValue>[] ToArray(IEnumerable<KeyValuePair<TKey, TValue>> map)
    {
        var entries = new List<KeyValuePair<TKey, TValue>>();
        foreach (KeyValuePair<TKey, TValue> entry in map)
        {
            entries.Add(entry);
        }

        return entries.Count == 0 ? [] : entries.ToArray();
    }

    /// <summary>A read-only copy of the keys, as <c>ConcurrentDictionary.Keys</c> returns.</summary>
    public static ReadOnlyCollection<TKey> Keys(IEnumerable<KeyValuePair<TKey, TValue>> map)
    {
        var keys = new List<TKey>();
        foreach (KeyValuePair<TKey, TValue> entry in map)
        {
            keys.Add(entry.Key);
        }

        return keys.Count == 0 ? ReadOnlyCollection<TKey>.Empty : new ReadOnlyCollection<TKey>(keys.ToArray());
    }

    /// <summary>A read-only copy of the values, as <c>ConcurrentDictionary.Values</c> returns.</summary>
    public static ReadOnlyCollection<TValue> Values(IEnumerable<KeyValuePair<TKey, TValue>> map)
    {
        var values = new List<TValue>();
        foreach (KeyValuePair<TKey, TValue> entry in map)
        {
            values.Add(entry.Value);
        }

        return values.Count == 0 ? ReadOnlyCollection<TValue>.Empty : new ReadOnlyCollection<TValue>(values.ToArray());
    }

    /// <summary><c>GetOrAdd&lt;TArg&gt;</c>: a lookup, then the factory and an add of its result.</summary>
    public static TValue GetOrAdd<TArg>(IConcurrentMap<TKey, TValue> map, TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);

        if (map.TryGetValue(key, out TValue? existing))
        {
            return existing;
        }

        return map.GetOrAdd(key, valueFactory(key, factoryArgument));
    }

    /// <summary><c>AddOrUpdate&lt;TArg&gt;</c>: retries until an add or a compare-and-swap update of a factory's result lands.</summary>
    public static TValue AddOrUpdate<TArg>(
        IConcurrentMap<TKey, TValue> map, TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);

        while (true)
        {
            if (map.TryGetValue(key, out TValue? current))
            {
                TValue updated = updateValueFactory(key, current, factoryArgument);
                if (map.TryUpdate(key, updated, current))
                {
                    return updated;
                }
            }
            else
            {
                TValue added = addValueFactory(key, factoryArgument);
                if (map.TryAdd(key, added))
                {
                    return added;
                }
            }
        }
    }

    /// <summary>
    /// <c>GetOrAddOnce</c>: a lookup, then, on a miss, a claim on <paramref name="gate"/>, a second lookup under it, the
    /// factory and an add of its result. Callers that lose the claim wait for the run and look the key up again.
    /// </summary>
    /// <remarks>It works through <paramref name="map"/>'s uncounted operations; a metered map counts the call itself
    /// (see <see cref="CountGetOrAddOnce{TOps}"/> and <see cref="Added"/>).</remarks>
    public static TValue GetOrAddOnce<TOps, TGate, TArg>(
        TOps map, TGate gate, TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TOps : IOnceOps<TKey, TValue>
        where TGate : IFactoryGate<TKey>
        where TArg : allows ref struct
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);

        while (true)
        {
            if (map.TryGetValueQuiet(key, out TValue? existing))
            {
                return existing;
            }

            if (!gate.TryEnter(key, out Lock? held))
            {
                continue; // another caller's run ended: stored, or its factory threw and nothing was
            }

            try
            {
                // A run that ended between the lookup above and the claim stored its value before releasing it.
                if (map.TryGetValueQuiet(key, out existing))
                {
                    return existing;
                }

                // A value added meanwhile by a plain write (outside the gate) wins; this factory has still run once.
                return map.GetOrAddQuiet(key, valueFactory(key, factoryArgument));
            }
            finally
            {
                gate.Exit(key, held);
            }
        }
    }

    /// <summary><c>GetOrAddOnce</c> without an argument: the factory travels as the argument.</summary>
    public static TValue GetOrAddOnce<TOps, TGate>(TOps map, TGate gate, TKey key, Func<TKey, TValue> valueFactory)
        where TOps : IOnceOps<TKey, TValue>
        where TGate : IFactoryGate<TKey>
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);
        return GetOrAddOnce(map, gate, key, static (k, factory) => factory(k), valueFactory);
    }

    /// <summary>
    /// <c>GetOrAddOnce</c> of a map that counts its own calls: <see cref="GetOrAddOnce{TOps, TGate, TArg}"/> under the
    /// map's gate (created in <paramref name="gateField"/> on first use), counted when <paramref name="telemetry"/> is
    /// not null as <see cref="CountGetOrAddOnce{TOps}"/> and <see cref="Added"/> say.
    /// </summary>
    public static TValue CountedGetOrAddOnce<TOps, TArg>(
        TOps map,
        MapTelemetry? telemetry,
        ref FactoryGate<TKey>? gateField,
        IEqualityComparer<TKey> comparer,
        TKey key,
        Func<TKey, TArg, TValue> valueFactory,
        TArg factoryArgument)
        where TOps : IOnceOps<TKey, TValue>
        where TArg : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        return telemetry is not null && CountGetOrAddOnce(map, telemetry, key, out TValue? existing)
            ? existing
            : Added(telemetry, GetOrAddOnce(map, FactoryGate<TKey>.For(ref gateField, comparer), key, valueFactory, factoryArgument));
    }

    /// <summary><see cref="CountedGetOrAddOnce{TOps, TArg}"/> with a factory of the key alone.</summary>
    public static TValue CountedGetOrAddOnce<TOps>(
        TOps map, MapTelemetry? telemetry, ref FactoryGate<TKey>? gateField, IEqualityComparer<TKey> comparer, TKey key, Func<TKey, TValue> valueFactory)
        where TOps : IOnceOps<TKey, TValue>
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        return CountedGetOrAddOnce(map, telemetry, ref gateField, comparer, key, static (k, factory) => factory(k), valueFactory);
    }

    /// <summary>
    /// The lookup that starts a metered map's <c>GetOrAdd</c> or <c>GetOrAddOnce</c>, counted as a hit or a miss. Returns
    /// true with the value on a hit; on a miss the caller adds and counts the add with <see cref="Added"/>.
    /// </summary>
    public static bool CountGetOrAddOnce<TOps>(TOps map, MapTelemetry telemetry, TKey key, [MaybeNullWhen(false)] out TValue value)
        where TOps : IOnceOps<TKey, TValue>
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        if (map.TryGetValueQuiet(key, out value!))
        {
            telemetry.Count(MapCount.GetHit);
            return true;
        }

        telemetry.Count(MapCount.GetMiss);
        return false;
    }

    /// <summary>Counts a completed add of a metered map's <c>GetOrAdd</c> (none when <paramref name="telemetry"/> is
    /// null) and returns its <paramref name="value"/>. Called with the add as its argument, so an add that throws counts
    /// nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TValue Added(MapTelemetry? telemetry, TValue value)
    {
        telemetry?.Count(MapCount.AddStored);
        return value;
    }

    /// <summary>
    /// <c>AddOrUpdateOnce</c>: an absent key's add factory runs under a claim on <paramref name="gate"/>, as in
    /// <see cref="GetOrAddOnce{TOps, TGate, TArg}"/>; a present key's update retries like <c>AddOrUpdate</c>'s.
    /// </summary>
    public static TValue AddOrUpdateOnce<TOps, TGate, TArg>(
        TOps map,
        TGate gate,
        TKey key,
        Func<TKey, TArg, TValue> addValueFactory,
        Func<TKey, TValue, TArg, TValue> updateValueFactory,
        TArg factoryArgument)
        where TOps : IOnceOps<TKey, TValue>
        where TGate : IFactoryGate<TKey>
        where TArg : allows ref struct
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);

        while (true)
        {
            if (map.TryGetValueQuiet(key, out TValue? current))
            {
                TValue updated = updateValueFactory(key, current, factoryArgument);
                if (map.TryUpdateQuiet(key, updated, current))
                {
                    return updated;
                }

                continue;
            }

            if (!gate.TryEnter(key, out Lock? held))
            {
                continue;
            }

            try
            {
                if (!map.ContainsKeyQuiet(key))
                {
                    TValue added = addValueFactory(key, factoryArgument);
                    if (map.TryAddQuiet(key, added))
                    {
                        return added;
                    }
                }

                // Present after all (a run that just ended, or a plain write): update it on the next pass.
            }
            finally
            {
                gate.Exit(key, held);
            }
        }
    }

    /// <summary><c>AddOrUpdateOnce</c> without an argument: both factories travel as the argument.</summary>
    public static TValue AddOrUpdateOnce<TOps, TGate>(
        TOps map, TGate gate, TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
        where TOps : IOnceOps<TKey, TValue>
        where TGate : IFactoryGate<TKey>
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        return AddOrUpdateOnce(
            map,
            gate,
            key,
            static (k, factories) => factories.Add(k),
            static (k, current, factories) => factories.Update(k, current),
            (Add: addValueFactory, Update: updateValueFactory));
    }

    /// <summary>The null check of <c>TryRemove(KeyValuePair)</c>: its parameter is <c>item</c>.</summary>
    public static void ThrowIfItemKeyNull(KeyValuePair<TKey, TValue> item)
    {
        if (item.Key is null)
        {
            throw new ArgumentNullException(nameof(item), "The key of the item is null.");
        }
    }

    /// <summary>The default body of <c>TryRemove(KeyValuePair)</c>, for a map that cannot do it atomically.</summary>
    [DoesNotReturn]
    public static bool TryRemoveUnsupported(IConcurrentMap<TKey, TValue> map, KeyValuePair<TKey, TValue> item)
    {
        ThrowIfItemKeyNull(item);
        throw new NotSupportedException(
            $"{map.GetType().Name} does not implement TryRemove(KeyValuePair<TKey, TValue>): a conditional remove must be atomic.");
    }

    /// <summary><see cref="IDictionary{TKey, TValue}.Add"/>: <see cref="ArgumentException"/> when the key is present.</summary>
    public static void Add(IConcurrentMap<TKey, TValue> map, TKey key, TValue value)
    {
        if (!map.TryAdd(key, value))
        {
            throw new ArgumentException("The key already existed in the dictionary.");
        }
    }

    /// <summary><see cref="ICollection{T}.Contains"/>: the key is present with an equal value.</summary>
    public static bool Contains(IConcurrentMap<TKey, TValue> map, KeyValuePair<TKey, TValue> item) =>
        map.TryGetValue(item.Key, out TValue? value) && EqualityComparer<TValue>.Default.Equals(value, item.Value);

    /// <summary><see cref="ICollection{T}.CopyTo"/> of a snapshot.</summary>
    public static void CopyTo(IConcurrentMap<TKey, TValue> map, KeyValuePair<TKey, TValue>[] array, int index)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(index);

        KeyValuePair<TKey, TValue>[] entries = map.ToArray();
        ThrowIfTooSmall(array.Length, index, entries.Length);
        entries.CopyTo(array, index);
    }

    /// <summary><see cref="ICollection.CopyTo"/> of a snapshot into pairs, dictionary entries or objects.</summary>
    public static void CopyTo(IConcurrentMap<TKey, TValue> map, Array array, int index)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(index);

        KeyValuePair<TKey, TValue>[] entries = map.ToArray();
        ThrowIfTooSmall(array.Length, index, entries.Length);
        switch (array)
        {
            case KeyValuePair<TKey, TValue>[] pairs:
                entries.CopyTo(pairs, index);
                return;
            case DictionaryEntry[] dictionaryEntries:
                for (int i = 0; i < entries.Length; i++)
                {
                    dictionaryEntries[index + i] = new DictionaryEntry(entries[i].Key, entries[i].Value);
                }

                return;
            case object[] objects:
                for (int i = 0; i < entries.Length; i++)
                {
                    objects[index + i] = entries[i];
                }

                return;
            default:
                throw new ArgumentException("The array is multidimensional, or the type parameter for the set cannot be cast automatically to the type of the destination array.", nameof(array));
        }
    }

    /// <summary>The non-generic indexer's get: null for a key of another type or an absent key.</summary>
    public static object? GetObject(IConcurrentMap<TKey, TValue> map, object key)
    {
        ThrowIfObjectKeyNull(key);
        return key is TKey typed && map.TryGetValue(typed, out TValue? value) ? value : null;
    }

    /// <summary>The non-generic indexer's set.</summary>
    public static void SetObject(IConcurrentMap<TKey, TValue> map, object key, object? value)
    {
        ThrowIfObjectKeyNull(key);
        TKey typed = KeyOf(key);
        map[typed] = ValueOf(value);
    }

    /// <summary><see cref="IDictionary.Add"/>.</summary>
    public static void AddObject(IConcurrentMap<TKey, TValue> map, object key, object? value)
    {
        ThrowIfObjectKeyNull(key);
        TKey typed = KeyOf(key);
        Add(map, typed, ValueOf(value));
    }

    /// <summary><see cref="IDictionary.Contains"/>: false for a key of another type.</summary>
    public static bool ContainsObject(IConcurrentMap<TKey, TValue> map, object key)
    {
        ThrowIfObjectKeyNull(key);
        return key is TKey typed && map.ContainsKey(typed);
    }

    /// <summary><see cref="IDictionary.Remove"/>: nothing for a key of another type.</summary>
    public static void RemoveObject(IConcurrentMap<TKey, TValue> map, object key)
    {
        ThrowIfObjectKeyNull(key);
        if (key is TKey typed)
        {
            map.TryRemove(typed, out _);
        }
    }

    private static void ThrowIfTooSmall(int length, int index, int count)
    {
        if (length - count < index)
        {
            throw new ArgumentException("The index is equal to or greater than the length of the array, or the number of elements in the dictionary is greater than the available space from index to the end of the destination array.");
        }
    }

    private static void ThrowIfObjectKeyNull(object key)
    {
        if (key is null)
        {
            Throw.ArgumentNull(nameof(key));
        }
    }

    private static TKey KeyOf(object key) =>
        key is TKey typed ? typed : throw new ArgumentException("The key was of an incorrect type for this dictionary.");

    private static TValue ValueOf(object? value)
    {
        if (value is TValue typed)
        {
            return typed;
        }

        if (value is null && default(TValue) is null)
        {
            return default!;
        }

        throw new ArgumentException("The value was of an incorrect type for this dictionary.");
    }
}
