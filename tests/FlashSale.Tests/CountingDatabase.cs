using System.Reflection;
using System.Runtime.ExceptionServices;
using StackExchange.Redis;

namespace FlashSale.Tests;

/// <summary>
/// An <see cref="IDatabase"/> that counts the commands sent through it: every member call is one round trip to the
/// server, except property reads and the few members that only look at the client (<c>IdentifyEndpoint</c>,
/// <c>IsConnected</c>, batch and transaction factories). The storm test wraps each instance's RedisMap database in one to
/// count the round trips an order costs, exactly and per client, which the server's own statistics cannot: redis-server's
/// <c>INFO commandstats</c> counts the commands a script runs along with the script.
/// </summary>
public class CountingDatabase : DispatchProxy
{
    private IDatabase? _inner;
    private long _commands;

    /// <summary>Gets the number of commands sent so far.</summary>
    public long Commands => Interlocked.Read(ref _commands);

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public static (IDatabase Database, CountingDatabase Counter) Wrap(IDatabase inner)
    {
        IDatabase proxy = Create<IDatabase, CountingDatabase>();
        var counter = (CountingDatabase)(object)proxy;
        counter._inner = inner;
        return (proxy, counter);
    }

    /// <summary>Forgets the commands counted so far.</summary>
    public void Reset() => Interlocked.Exchange(ref _commands, 0);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (!targetMethod.IsSpecialName && targetMethod.Name is not ("IdentifyEndpoint" or "IsConnected" or "CreateBatch" or "CreateTransaction" or "Wait" or "WaitAll" or "WaitAny"))
        {
            Interlocked.Increment(ref _commands);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(error.InnerException);
            throw;
        }
    }
}
