using MapGuard.Redis.Internal;
using StackExchange.Redis;

namespace MapGuard.Redis;

public sealed partial class RedisMap<TKey, TValue>
{
    // One method per server call, each turning the client's connection and timeout errors into MapUnavailableException
    // (reads, and writes that never left this process) or MapOutcomeUnknownException (writes sent but not answered).

    private RedisValue HashGet(RedisValue field, string operation)
    {
        try
        {
            return _database.HashGet(_key, field);
        }
        catch (Exception error) when (RedisFaults.IsUnavailable(error))
        {
            throw RedisFaults.Translate(error, _name, operation, write: false);
        }
    }

    private void HashSet(RedisValue field, RedisValue value, string operation)
    {
        try
        {
            _database.HashSet(_key, field, value);
        }
        catch (Exception error) when (RedisFaults.IsUnavailable(error))
        {
            throw RedisFaults.Translate(error, _name, operation, write: true);
        }
    }

    // LINEARIZATION POINT (TryAdd, and the add branch of AddOrUpdate): HSETNX on the server.
    private bool HashSetIfAbsent(RedisValue field, RedisValue value, string operation)
    {
        try
        {
            return _database.HashSet(_key, field, value, When.NotExists);
        }
        catch (Exception error) when (RedisFaults.IsUnavailable(error))
        {
            throw RedisFaults.Translate(error, _name, operation, write: true);
        }
    }

    // LINEARIZATION POINT (TryUpdate, and the update branch of AddOrUpdate): the CompareAndSet script on the server.
    private bool CompareAndSet(RedisValue field, RedisValue expected, RedisValue replacement, string operation) =>
        (int)Script(RedisScripts.CompareAndSet, [field, expected, replacement], operation) == 1;

    private long HashLength(string operation)
    {
        try
        {
            return _database.HashLength(_key);
        }
        catch (Exception error) when (RedisFaults.IsUnavailable(error))
        {
            throw RedisFaults.Translate(error, _name, operation, write: false);
        }
    }

    private RedisResult Script(string script, RedisValue[] arguments, string operation)
    {
        try
        {
            return _database.ScriptEvaluate(script, [_key], arguments);
        }
        catch (Exception error) when (RedisFaults.IsUnavailable(error))
        {
            throw RedisFaults.Translate(error, _name, operation, write: true);
        }
        catch (RedisServerException error) when (RedisFaults.IsScriptingDisabled(error))
        {
            throw RedisFaults.ScriptingDisabled(error, _name, operation);
        }
    }
}
