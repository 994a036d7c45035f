using System.Runtime.CompilerServices;
using MapGuard.Redis.Internal;
using StackExchange.Redis;

namespace MapGuard.Redis;

public sealed partial class RedisMap<TKey, TValue>
{
    // The asynchronous contract: the same server commands and scripts as the synchronous members (RedisMap.Write.cs,
    // RedisMap.Server.cs), through the client's *Async methods, so a caller waiting for the server holds no thread.
    // Cancellation: a token cancelled before the call throws and sends nothing; one cancelled while the command is on
    // the wire stops the wait (OperationCanceledException) but not the command, which the server may still apply.

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached.</exception>
    /// <exception cref="NonCanonicalValueException">The stored value is not the canonical form of a value.</exception>
    public async ValueTask<MapLookup<TValue>> TryGetValueAsync(TKey key, CancellationToken cancellationToken = default)
    {
        RedisValue field = Field(key);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue stored = await AwaitAsync(_database.HashGetAsync(_key, field), nameof(TryGetValueAsync), write: false, cancellationToken).ConfigureAwait(false);
        return stored.IsNull ? default : new MapLookup<TValue>(ReadValue(field, stored, nameof(TryGetValueAsync)));
    }

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    public async ValueTask SetAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
    {
        RedisValue field = Field(key);
        RedisValue stored = _values.Serialize(value);
        cancellationToken.ThrowIfCancellationRequested();
        await AwaitAsync(_database.HashSetAsync(_key, field, stored), nameof(SetAsync), write: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    public async ValueTask<bool> TryAddAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
    {
        RedisValue field = Field(key);
        RedisValue stored = _values.Serialize(value);
        cancellationToken.ThrowIfCancellationRequested();
        return await HashSetIfAbsentAsync(field, stored, nameof(TryAddAsync), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    /// <exception cref="NonCanonicalValueException">The removed value is not the canonical form of a value (the removal stands).</exception>
    public async ValueTask<MapLookup<TValue>> TryRemoveAsync(TKey key, CancellationToken cancellationToken = default)
    {
        RedisValue field = Field(key);
        cancellationToken.ThrowIfCancellationRequested();
        RedisResult result = await ScriptAsync(RedisScripts.TryRemove, [field], nameof(TryRemoveAsync), cancellationToken).ConfigureAwait(false);
        return result.IsNull ? default : new MapLookup<TValue>(ReadValue(field, (RedisValue)result, nameof(TryRemoveAsync)));
    }

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    public async ValueTask<bool> TryUpdateAsync(TKey key, TValue newValue, TValue comparisonValue, CancellationToken cancellationToken = default)
    {
        RedisValue field = Field(key);
        RedisValue expected = _values.Serialize(comparisonValue);
        RedisValue replacement = _values.Serialize(newValue);
        cancellationToken.ThrowIfCancellationRequested();
        return await CompareAndSetAsync(field, expected, replacement, nameof(TryUpdateAsync), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    /// <exception cref="NonCanonicalValueException">The stored value is not the canonical form of a value.</exception>
    public async ValueTask<TValue> GetOrAddAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
    {
        RedisValue field = Field(key);
        RedisValue stored = _values.Serialize(value);
        cancellationToken.ThrowIfCancellationRequested();
        RedisResult existing = await ScriptAsync(RedisScripts.GetOrAdd, [field, stored], nameof(GetOrAddAsync), cancellationToken).ConfigureAwait(false);
        return existing.IsNull ? value : ReadValue(field, (RedisValue)existing, nameof(GetOrAddAsync));
    }

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered.</exception>
    /// <exception cref="NonCanonicalValueException">The stored value is not the canonical form of a value.</exception>
    public async ValueTask<TValue> GetOrAddAsync(TKey key, Func<TKey, TValue> valueFactory, CancellationToken cancellationToken = default)
    {
        RedisValue field = Field(key);
        ArgumentNullException.ThrowIfNull(valueFactory);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue stored = await AwaitAsync(_database.HashGetAsync(_key, field), nameof(GetOrAddAsync), write: false, cancellationToken).ConfigureAwait(false);
        if (!stored.IsNull)
        {
            return ReadValue(field, stored, nameof(GetOrAddAsync));
        }

        TValue created = valueFactory(key);
        cancellationToken.ThrowIfCancellationRequested();
        RedisResult existing = await ScriptAsync(RedisScripts.GetOrAdd, [field, _values.Serialize(created)], nameof(GetOrAddAsync), cancellationToken).ConfigureAwait(false);
        return existing.IsNull ? created : ReadValue(field, (RedisValue)existing, nameof(GetOrAddAsync));
    }

    /// <inheritdoc />
    /// <remarks>The compare-and-set loop of the synchronous <c>AddOrUpdate</c>, checking the token before each attempt and
    /// giving up after <see cref="MaxCompareAndSetAttempts"/> lost attempts.</remarks>
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered; <see cref="MapContendedException"/> after too many lost attempts.</exception>
    /// <exception cref="NonCanonicalValueException">The stored value is not the canonical form of a value.</exception>
    public ValueTask<TValue> AddOrUpdateAsync(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        return AddOrUpdateCoreAsync(key, addValue, static (_, add) => add, updateValueFactory, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The compare-and-set loop of the synchronous <c>AddOrUpdate</c>, checking the token before each attempt and
    /// giving up after <see cref="MaxCompareAndSetAttempts"/> lost attempts.</remarks>
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the write was sent but not answered; <see cref="MapContendedException"/> after too many lost attempts.</exception>
    /// <exception cref="NonCanonicalValueException">The stored value is not the canonical form of a value.</exception>
    public ValueTask<TValue> AddOrUpdateAsync(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        return AddOrUpdateCoreAsync(key, addValueFactory, static (k, factory) => factory(k), updateValueFactory, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached.</exception>
    public async ValueTask<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default)
    {
        RedisValue field = Field(key);
        cancellationToken.ThrowIfCancellationRequested();
        return await AwaitAsync(_database.HashExistsAsync(_key, field), nameof(ContainsKeyAsync), write: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached.</exception>
    public async ValueTask<int> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return checked((int)await AwaitAsync(_database.HashLengthAsync(_key), nameof(CountAsync), write: false, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    /// <exception cref="MapUnavailableException">The server could not be reached; <see cref="MapOutcomeUnknownException"/>
    /// when the delete was sent but not answered.</exception>
    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await AwaitAsync(_database.KeyDeleteAsync(_key), nameof(ClearAsync), write: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Enumerates the entries as <see cref="GetEnumerator"/> does (scan pages or one snapshot), without blocking.</summary>
    /// <param name="cancellationToken">Stops the enumeration between pages.</param>
    /// <returns>The enumerator.</returns>
    public async IAsyncEnumerator<KeyValuePair<TKey, TValue>> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ResolveEnumeration() == RedisEnumerationMode.Snapshot)
        {
            HashEntry[] entries = await AwaitAsync(_database.HashGetAllAsync(_key), "GetAsyncEnumerator", write: false, cancellationToken).ConfigureAwait(false);
            foreach (HashEntry entry in entries)
            {
                yield return new KeyValuePair<TKey, TValue>(_keys.Deserialize(entry.Name), ReadValue(entry.Name, entry.Value, "GetAsyncEnumerator"));
            }

            yield break;
        }

        // As EnumerateScan: SCAN may return a field twice, so remember the fields yielded, hashed with a random seed.
        var seen = new HashSet<RedisValue>(FieldBytesComparer.Instance);
        IAsyncEnumerator<HashEntry> pages = _database.HashScanAsync(_key, default, _scanPageSize).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                HashEntry entry;
                try
                {
                    if (!await pages.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    entry = pages.Current;
                }
                catch (Exception error) when (RedisFaults.IsUnavailable(error))
                {
                    throw RedisFaults.Translate(error, _name, "GetAsyncEnumerator", write: false);
                }

                if (seen.Add(entry.Name))
                {
                    yield return new KeyValuePair<TKey, TValue>(_keys.Deserialize(entry.Name), ReadValue(entry.Name, entry.Value, "GetAsyncEnumerator"));
                }
            }
        }
        finally
        {
            await pages.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask<TValue> AddOrUpdateCoreAsync<TAdd>(
        TKey key, TAdd add, Func<TKey, TAdd, TValue> addValue, Func<TKey, TValue, TValue> updateValueFactory, CancellationToken cancellationToken)
    {
        RedisValue field = Field(key);
        for (int attempt = 0; attempt < MaxCompareAndSetAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RedisValue current = await AwaitAsync(_database.HashGetAsync(_key, field), nameof(AddOrUpdateAsync), write: false, cancellationToken).ConfigureAwait(false);
            if (current.IsNull)
            {
                TValue added = addValue(key, add);
                if (await HashSetIfAbsentAsync(field, _values.Serialize(added), nameof(AddOrUpdateAsync), cancellationToken).ConfigureAwait(false))
                {
                    return added;
                }
            }
            else
            {
                TValue updated = updateValueFactory(key, ReadValue(field, current, nameof(AddOrUpdateAsync)));
                if (await CompareAndSetAsync(field, current, _values.Serialize(updated), nameof(AddOrUpdateAsync), cancellationToken).ConfigureAwait(false))
                {
                    return updated;
                }
            }

            // Another caller changed the field between our read and our write: read again.
        }

        throw Contended(nameof(AddOrUpdateAsync));
    }
}
