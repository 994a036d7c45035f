using System.Diagnostics.CodeAnalysis;
using MapGuard.Redis.Internal;
using StackExchange.Redis;

namespace MapGuard.Redis;

public sealed partial class RedisMap<TKey, TValue>
{
    /// <summary>Adds the key if absent, with one <c>HSETNX</c>.</summary>
    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    public bool TryAdd(TKey key, TValue value) => HashSetIfAbsent(Field(key), _values.Serialize(value), nameof(TryAdd));

    /// <summary>Removes the key if present and returns its value, with one Lua script (<c>HGET</c> then <c>HDEL</c>).</summary>
    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    /// <exception cref="InvalidOperationException">The server refuses Lua scripts (Garnet without <c>--lua</c>).</exception>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        RedisValue field = Field(key);
        RedisResult result = Script(RedisScripts.TryRemove, [field], nameof(TryRemove));
        if (result.IsNull)
        {
            value = default;
            return false;
        }

        value = ReadValue(field, (RedisValue)result, nameof(TryRemove));
        return true;
    }

    /// <summary>
    /// Replaces the value if its serialized bytes equal <paramref name="comparisonValue"/>'s, with one Lua script.
    /// </summary>
    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    /// <exception cref="InvalidOperationException">The server refuses Lua scripts (Garnet without <c>--lua</c>).</exception>
    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        RedisValue field = Field(key);
        return CompareAndSet(field, _values.Serialize(comparisonValue), _values.Serialize(newValue), nameof(TryUpdate));
    }

    /// <summary>Adds <paramref name="value"/> if the key is absent and returns the stored value, with one Lua script.</summary>
    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    /// <exception cref="InvalidOperationException">The server refuses Lua scripts (Garnet without <c>--lua</c>).</exception>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        RedisValue field = Field(key);
        RedisResult existing = Script(RedisScripts.GetOrAdd, [field, _values.Serialize(value)], nameof(GetOrAdd));
        return existing.IsNull ? value : ReadValue(field, (RedisValue)existing, nameof(GetOrAdd));
    }

    /// <summary>
    /// Returns the stored value, or runs <paramref name="valueFactory"/> in this process and adds its result if the key is
    /// still absent. The factory may run and its result be dropped when another caller adds the key first.
    /// </summary>
    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    /// <exception cref="InvalidOperationException">The server refuses Lua scripts (Garnet without <c>--lua</c>).</exception>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        RedisValue field = Field(key);
        ArgumentNullException.ThrowIfNull(valueFactory);
        RedisValue stored = HashGet(field, nameof(GetOrAdd));
        if (!stored.IsNull)
        {
            return ReadValue(field, stored, nameof(GetOrAdd));
        }

        TValue created = valueFactory(key);
        RedisResult existing = Script(RedisScripts.GetOrAdd, [field, _values.Serialize(created)], nameof(GetOrAdd));
        return existing.IsNull ? created : ReadValue(field, (RedisValue)existing, nameof(GetOrAdd));
    }

    /// <summary>
    /// Adds <paramref name="addValue"/> or stores <paramref name="updateValueFactory"/>(key, current), by an optimistic
    /// compare-and-set loop: <paramref name="updateValueFactory"/> may run more than once per call.
    /// </summary>
    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    /// <exception cref="InvalidOperationException">The server refuses Lua scripts (Garnet without <c>--lua</c>).</exception>
    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        RedisValue field = Field(key);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        RedisValue added = default;
        for (int attempt = 0; attempt < MaxCompareAndSetAttempts; attempt++)
        {
            RedisValue current = HashGet(field, nameof(AddOrUpdate));
            if (current.IsNull)
            {
                if (added.IsNull)
                {
                    added = _values.Serialize(addValue);
                }

                if (HashSetIfAbsent(field, added, nameof(AddOrUpdate)))
                {
                    return addValue;
                }
            }
            else
            {
                TValue updated = updateValueFactory(key, ReadValue(field, current, nameof(AddOrUpdate)));
                if (CompareAndSet(field, current, _values.Serialize(updated), nameof(AddOrUpdate)))
                {
                    return updated;
                }
            }

            // Another caller changed the field between our read and our write: read again.
        }

        throw Contended(nameof(AddOrUpdate));
    }

    /// <summary>
    /// Adds <paramref name="addValueFactory"/>(key) or stores <paramref name="updateValueFactory"/>(key, current), by an
    /// optimistic compare-and-set loop: either factory may run more than once per call.
    /// </summary>
    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    /// <exception cref="InvalidOperationException">The server refuses Lua scripts (Garnet without <c>--lua</c>).</exception>
    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        RedisValue field = Field(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        for (int attempt = 0; attempt < MaxCompareAndSetAttempts; attempt++)
        {
            RedisValue current = HashGet(field, nameof(AddOrUpdate));
            if (current.IsNull)
            {
                TValue added = addValueFactory(key);
                if (HashSetIfAbsent(field, _values.Serialize(added), nameof(AddOrUpdate)))
                {
                    return added;
                }
            }
            else
            {
                TValue updated = updateValueFactory(key, ReadValue(field, current, nameof(AddOrUpdate)));
                if (CompareAndSet(field, current, _values.Serialize(updated), nameof(AddOrUpdate)))
                {
                    return updated;
                }
            }
        }

        throw Contended(nameof(AddOrUpdate));
    }
}
