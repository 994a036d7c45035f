using MapGuard.Redis.Internal;
using StackExchange.Redis;

namespace MapGuard.Redis;

public sealed partial class RedisMap<TKey, TValue>
{
    /// <summary>The enumeration mode in force: the configured one, or what <see cref="RedisEnumerationMode.Auto"/> chose.</summary>
    internal RedisEnumerationMode EnumerationMode => ResolveEnumeration();

    private RedisEnumerationMode ResolveEnumeration()
    {
        if (_enumeration != RedisEnumerationMode.Auto)
        {
            return _enumeration;
        }

        var resolved = (RedisEnumerationMode)Volatile.Read(ref _resolvedEnumeration);
        if (resolved != RedisEnumerationMode.Auto)
        {
            return resolved;
        }

        try
        {
            System.Net.EndPoint? endpoint = _database.IdentifyEndpoint(_key) ?? _database.Multiplexer.GetEndPoints()[0];
            IServer server = _database.Multiplexer.GetServer(endpoint);

            // Garnet 2.2.8's HSCAN cursor counts live fields, so a field removed behind the cursor shifts the rest and
            // one is skipped (tests/MapGuard.Redis.Tests: GarnetBehaviourTests shows it). Its HGETALL is a snapshot.
            resolved = server.GetProductVariant(out _) == ProductVariant.Garnet
                ? RedisEnumerationMode.Snapshot
                : RedisEnumerationMode.Scan;
            if (server.IsConnected)
            {
                // RACE(benign): two enumerations may both look the product up; they store the same answer.
                Volatile.Write(ref _resolvedEnumeration, (int)resolved);
            }

            return resolved;
        }
        catch (Exception error) when (RedisFaults.IsUnavailable(error))
        {
            throw RedisFaults.Translate(error, _name, "GetEnumerator", write: false);
        }
    }

    private IEnumerator<KeyValuePair<TKey, TValue>> EnumerateSnapshot()
    {
        HashEntry[] entries;
        try
        {
            entries = _database.HashGetAll(_key);
        }
        catch (Exception error) when (RedisFaults.IsUnavailable(error))
        {
            throw RedisFaults.Translate(error, _name, "GetEnumerator", write: false);
        }

        foreach (HashEntry entry in entries)
        {
            yield return new KeyValuePair<TKey, TValue>(_keys.Deserialize(entry.Name), ReadValue(entry.Name, entry.Value, "GetEnumerator"));
        }
    }

    private IEnumerator<KeyValuePair<TKey, TValue>> EnumerateScan()
    {
        // SCAN may return a field twice (when the server's table shrinks between pages); remember what was yielded so
        // each key comes out once. That costs one set entry per key on the client for the enumeration's lifetime. The set
        // hashes the bytes with a per-process random seed: RedisValue's own hash of numeric text is long.GetHashCode,
        // under which fields (x << 32) | x all collide.
        var seen = new HashSet<RedisValue>(FieldBytesComparer.Instance);
        IEnumerator<HashEntry> pages = _database.HashScan(_key, default, _scanPageSize).GetEnumerator();
        try
        {
            while (true)
            {
                HashEntry entry;
                try
                {
                    if (!pages.MoveNext())
                    {
                        yield break;
                    }

                    entry = pages.Current;
                }
                catch (Exception error) when (RedisFaults.IsUnavailable(error))
                {
                    throw RedisFaults.Translate(error, _name, "GetEnumerator", write: false);
                }

                if (seen.Add(entry.Name))
                {
                    yield return new KeyValuePair<TKey, TValue>(_keys.Deserialize(entry.Name), ReadValue(entry.Name, entry.Value, "GetEnumerator"));
                }
            }
        }
        finally
        {
            pages.Dispose();
        }
    }
}
