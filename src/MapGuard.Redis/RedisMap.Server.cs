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

    private async ValueTask<T> AwaitAsync<T>(Task<T> call, string operation, bool write, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!call.IsCompleted)
        {
            // The caller stopped waiting; the command may still fail later. Observe that failure so it is not reported
            // as an unobserved task exception.
            _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        catch (Exception error) when (RedisFaults.IsUnavailable(error))
        {
            throw RedisFaults.Translate(error, _name, operation, write);
        }
        catch (RedisServerException error) when (write && RedisFaults.IsScriptingDisabled(error))
        {
            throw RedisFaults.ScriptingDisabled(error, _name, operation);
        }
    }

    // LINEARIZATION POINT (TryAddAsync, and the add branch of AddOrUpdateAsync): HSETNX on the server.
    private ValueTask<bool> HashSetIfAbsentAsync(RedisValue field, RedisValue value, string operation, CancellationToken cancellationToken) =>
        AwaitAsync(_database.HashSetAsync(_key, field, value, When.NotExists), operation, write: true, cancellationToken);

    // LINEARIZATION POINT (TryUpdateAsync, and the update branch of AddOrUpdateAsync): the CompareAndSet script.
    private async ValueTask<bool> CompareAndSetAsync(RedisValue field, RedisValue expected, RedisValue replacement, string operation, CancellationToken cancellationToken) =>
        (int)await ScriptAsync(RedisScripts.CompareAndSet, [field, expected, replacement], operation, cancellationToken).ConfigureAwait(false) == 1;

    private ValueTask<RedisResult> ScriptAsync(string script, RedisValue[] arguments, string operation, CancellationToken cancellationToken) =>
        AwaitAsync(_database.ScriptEvaluateAsync(script, [_key], arguments), operation, write: true, cancellationToken);
}
