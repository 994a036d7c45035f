using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MapGuard.Redis.Internal;
using MapGuard.Redis.Serialization;
using StackExchange.Redis;

namespace MapGuard.Redis;

/// <summary>
/// An <see cref="IConcurrentMap{TKey, TValue}"/> whose entries live on a Redis or Garnet server, so every instance of
/// a service that shares the server shares the map. Keys and values are serialized (see <see cref="IMapSerializer{T}"/>);
/// the map itself holds no entries, only the server key and the serializers, so it costs nothing to create.
/// </summary>
/// <remarks>
/// <para><b>Layout:</b> one Redis hash per map, at <c>{prefix}{{name}}</c> (default <c>mapguard:{orders}</c> for a map
/// named <c>orders</c>). Each entry is one field: the serialized key, holding the serialized value. Because a map is one
/// server key, it lives in one Redis Cluster or Garnet cluster slot, every script names that one key, and
/// <see cref="Count"/> is the hash's own length.</para>
/// <para><b>Consistency:</b> every single-key operation is linearizable on the server: reads and plain writes are single
/// commands (<c>HGET</c>, <c>HEXISTS</c>, <c>HSET</c>), <see cref="TryAdd"/> is <c>HSETNX</c>, and <see cref="TryRemove"/>,
/// <see cref="TryUpdate"/> and <see cref="GetOrAdd(TKey, TValue)"/> are Lua scripts that compare and act in one step.
/// <see cref="Count"/> is <c>HLEN</c>: exact, O(1), one round trip. <see cref="Clear"/> deletes the hash in one step.
/// Enumeration is weakly consistent (<c>HSCAN</c> pages) or a snapshot (<c>HGETALL</c>); see
/// <see cref="RedisEnumerationMode"/>. It never throws because of concurrent writes.</para>
/// <para><b>Equality</b> is byte equality of the serialized forms, on the server. Only the default key comparer is
/// accepted (and <see cref="StringComparer.Ordinal"/> for strings): a custom comparer could not run on the server, so
/// the constructor refuses it. <see cref="TryUpdate"/> compares serialized values.</para>
/// <para><b>Factories</b> run in this process, never on the server. <c>GetOrAdd</c>'s factory may run and its result be
/// dropped when another caller adds the key first. <c>AddOrUpdate</c> is an optimistic compare-and-set loop: it reads the
/// value, runs the factory, and stores the result only if the value is still the one it read, else it retries, so its
/// factories may run more than once per call, exactly as <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/> says.</para>
/// <para><b>Faults:</b> a call that cannot reach the server within the connection's timeout throws
/// <see cref="MapUnavailableException"/> (nothing was changed) or, for a write that was sent but not answered,
/// <see cref="MapOutcomeUnknownException"/>. A write that returned normally was acknowledged by the server; whether it
/// survives a server restart is the server's durability setting (AOF). The map holds no connection state of its own, so
/// it works again as soon as the client reconnects.</para>
/// <para><b>Progress:</b> the <see cref="IConcurrentMap{TKey, TValue}"/> members block the calling thread on network
/// round trips; the <see cref="IAsyncConcurrentMap{TKey, TValue}"/> members (<c>...Async</c>) hold no thread while they
/// wait, and a service should use them. Single-command and script operations take one round trip;
/// <c>AddOrUpdate</c> and <c>GetOrAdd</c> with a factory take two per attempt and are lock-free across callers: an
/// attempt fails only because another caller's write succeeded. <c>AddOrUpdate</c> gives up after
/// <see cref="MaxCompareAndSetAttempts"/> lost attempts (<see cref="MapContendedException"/>). For integer values,
/// <see cref="AddWithinAsync"/> is a bounded add in one script, one round trip whatever the contention.</para>
/// <para><b>Canonical values:</b> every value read back must serialize to exactly the stored bytes; one written in another
/// form by another client (<c>0100</c> for 100) throws <see cref="NonCanonicalValueException"/> naming the key, because
/// it could never match a compare-and-set.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed partial class RedisMap<TKey, TValue> : IConcurrentMap<TKey, TValue>, IAsyncConcurrentMap<TKey, TValue>, IAsyncCounterMap<TKey>
    where TKey : notnull
{
    /*
     * Concurrency: the server is the only place with state; this object is immutable after construction except for
     *   _resolvedEnumeration, a cache. Atomicity comes from the server running each command, and each Lua script, as
     *   one step on the single hash key (Redis: one thread; Garnet: key locks, and --lua-transaction-mode for scripts).
     *   Compare-and-act never spans two round trips except in the CAS loops, which re-check on the server.
     * Memory ordering: none needed in process. _resolvedEnumeration is an int written and read with Volatile; a race
     *   only repeats the product lookup.
     * Progress: blocking on I/O. CAS loops (AddOrUpdate, GetOrAdd with a factory) are lock-free: a compare-and-set fails
     *   only when another write to the same field succeeded between the read and the script.
     * Resizing: the server's.
     * References: the compare-and-set-with-Lua pattern from Redis's EVAL documentation ("scripts are atomic"); the
     *   optimistic retry loop and its "factory may run more than once" contract from .NET's ConcurrentDictionary
     *   AddOrUpdate; SCAN's guarantees from Redis's SCAN documentation (Sanfilippo's reverse-binary cursor).
     */

    private readonly IDatabase _database;
    private readonly RedisKey _key;
    private readonly string _name;
    private readonly IMapSerializer<TKey> _keys;
    private readonly IMapSerializer<TValue> _values;
    private readonly RedisEnumerationMode _enumeration;
    private readonly int _scanPageSize;
    private int _resolvedEnumeration; // PUBLISHED BY: Volatile.Write in ResolveEnumeration; READ WITH: Volatile.Read

    /// <summary>Creates a map named <paramref name="name"/> over <paramref name="database"/>.</summary>
    /// <param name="database">The database to use; its multiplexer's timeouts bound every call (see
    /// <see cref="RedisMapConnection.CreateConfiguration(string, RedisMapOptions)"/>).</param>
    /// <param name="name">The map's name; maps with the same name and prefix on the same server are the same map.</param>
    /// <param name="options">Serializers, key prefix and enumeration settings; null for the defaults.</param>
    /// <param name="comparer">Null, <see cref="EqualityComparer{T}.Default"/>, or for string keys
    /// <see cref="StringComparer.Ordinal"/>. Anything else is refused: keys are compared on the server by their bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="database"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or <paramref name="comparer"/> is not a
    /// comparer the server can honour.</exception>
    /// <exception cref="NotSupportedException">No serializer covers <typeparamref name="TKey"/> or <typeparamref name="TValue"/>.</exception>
    public RedisMap(IDatabase database, string name, RedisMapOptions? options = null, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!IsByteEqualityComparer(comparer))
        {
            throw new ArgumentException(
                $"RedisMap compares keys on the server by their serialized bytes, so it cannot honour {comparer!.GetType().Name}. " +
                "Pass null (or the default comparer), or normalise keys before using them (for example ToUpperInvariant for case-insensitive keys).",
                nameof(comparer));
        }

        options ??= new RedisMapOptions();
        _database = database;
        _name = name;
        _key = options.KeyPrefix + "{" + name + "}";
        _keys = options.SerializerFor<TKey>();
        _values = options.SerializerFor<TValue>();
        _enumeration = options.Enumeration;
        _scanPageSize = options.ScanPageSize;
    }

    /// <summary>Gets the map's name.</summary>
    public string Name => _name;

    /// <summary>Gets the server key of the hash that holds the entries.</summary>
    public RedisKey ServerKey => _key;

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached.</exception>
    public TValue this[TKey key]
    {
        get
        {
            if (!TryGetValue(key, out TValue? value))
            {
                throw new KeyNotFoundException($"The key '{key}' was not present in RedisMap '{_name}'.");
            }

            return value;
        }

        set => HashSet(Field(key), _values.Serialize(value), "this[]");
    }

    /// <summary>Gets the number of entries: the hash's <c>HLEN</c>, exact at the moment the server answered.</summary>
    /// <exception cref="MapUnavailableException">The server could not be reached.</exception>
    /// <exception cref="OverflowException">The hash holds more than <see cref="int.MaxValue"/> fields.</exception>
    public int Count => checked((int)HashLength(nameof(Count)));

    /// <summary>Gets whether the map holds no entries (one <c>HLEN</c>).</summary>
    /// <exception cref="MapUnavailableException">The server could not be reached.</exception>
    public bool IsEmpty => HashLength(nameof(IsEmpty)) == 0;

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached.</exception>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        RedisValue field = Field(key);
        RedisValue stored = HashGet(field, nameof(TryGetValue));
        if (stored.IsNull)
        {
            value = default;
            return false;
        }

        value = ReadValue(field, stored, nameof(TryGetValue));
        return true;
    }

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached.</exception>
    public bool ContainsKey(TKey key)
    {
        RedisValue field = Field(key);
        try
        {
            return _database.HashExists(_key, field);
        }
        catch (Exception error) when (RedisFaults.IsUnavailable(error))
        {
            throw RedisFaults.Translate(error, _name, nameof(ContainsKey), write: false);
        }
    }

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the delete was sent but not answered.</exception>
    public void Clear()
    {
        try
        {
            _database.KeyDelete(_key);
        }
        catch (Exception error) when (RedisFaults.IsUnavailable(error))
        {
            throw RedisFaults.Translate(error, _name, nameof(Clear), write: true);
        }
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() =>
        ResolveEnumeration() == RedisEnumerationMode.Snapshot ? EnumerateSnapshot() : EnumerateScan();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool IsByteEqualityComparer(IEqualityComparer<TKey>? comparer) =>
        comparer is null ||
        ReferenceEquals(comparer, EqualityComparer<TKey>.Default) ||
        (typeof(TKey) == typeof(string) && ReferenceEquals(comparer, StringComparer.Ordinal));

    private RedisValue Field(TKey key)
    {
        if (key is null)
        {
            ThrowKeyNull();
        }

        return _keys.Serialize(key);
    }

    [DoesNotReturn]
    private static void ThrowKeyNull() => throw new ArgumentNullException("key");
}
