namespace MapGuard.Redis;

/// <summary>
/// A <see cref="RedisMap{TKey, TValue}"/> compare-and-set loop (<c>AddOrUpdate</c>) lost
/// <see cref="RedisMap{TKey, TValue}.MaxCompareAndSetAttempts"/> times in a row to other writers of the same key and
/// gave up. Nothing was applied by this call; the key is hot. Retry later, or use an operation the server does in one
/// step (<see cref="RedisMap{TKey, TValue}.AddWithinAsync"/> for counters).
/// </summary>
public sealed class MapContendedException : MapUnavailableException
{
    /// <summary>Creates the exception.</summary>
    public MapContendedException()
        : base("A compare-and-set loop gave up under contention.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public MapContendedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public MapContendedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="operation"/> on map <paramref name="mapName"/>.</summary>
    /// <param name="mapName">The map's name.</param>
    /// <param name="operation">The map member that gave up.</param>
    /// <param name="message">What failed.</param>
    public MapContendedException(string mapName, string operation, string message)
        : base(mapName, operation, message, new TimeoutException(message))
    {
    }
}
