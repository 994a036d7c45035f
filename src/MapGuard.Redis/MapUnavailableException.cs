namespace MapGuard.Redis;

/// <summary>
/// A <see cref="RedisMap{TKey, TValue}"/> call could not reach the server, or the server could not serve it, within the
/// configured timeout. The map's data is as it was: a read changed nothing, and a write was not applied (it never left
/// this process, or the server refused it). A write that may have been applied throws
/// <see cref="MapOutcomeUnknownException"/> instead, which derives from this type.
/// </summary>
/// <remarks>The client's own error is the <see cref="Exception.InnerException"/>. The map recovers by itself when the
/// server is reachable again; the caller decides whether to retry.</remarks>
public class MapUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MapUnavailableException()
        : this("The map's server is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public MapUnavailableException(string message)
        : base(message)
    {
        MapName = string.Empty;
        Operation = string.Empty;
    }

    /// <summary>Creates the exception with a message and the client's error.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The client's error.</param>
    public MapUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        MapName = string.Empty;
        Operation = string.Empty;
    }

    /// <summary>Creates the exception for a failed call of <paramref name="operation"/> on map <paramref name="mapName"/>.</summary>
    /// <param name="mapName">The map's name.</param>
    /// <param name="operation">The map member that failed, e.g. <c>TryAdd</c>.</param>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The client's error.</param>
    public MapUnavailableException(string mapName, string operation, string message, Exception innerException)
        : base(message, innerException)
    {
        MapName = mapName;
        Operation = operation;
    }

    /// <summary>Gets the name of the map whose call failed.</summary>
    public string MapName { get; }

    /// <summary>Gets the map member that failed, e.g. <c>TryAdd</c>.</summary>
    public string Operation { get; }

    /// <summary>
    /// Gets whether the call may have changed the map: false here (nothing was applied), true for
    /// <see cref="MapOutcomeUnknownException"/>.
    /// </summary>
    public virtual bool MayHaveBeenApplied => false;
}
