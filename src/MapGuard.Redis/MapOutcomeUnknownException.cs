namespace MapGuard.Redis;

/// <summary>
/// A write reached the server, or may have, but no reply came back within the configured timeout (the connection
/// broke or the server stopped while the call was in flight). The write may or may not have been applied: read the
/// key to find out before deciding to retry, and make retries idempotent.
/// </summary>
public sealed class MapOutcomeUnknownException : MapUnavailableException
{
    /// <summary>Creates the exception.</summary>
    public MapOutcomeUnknownException()
        : this("A write to the map may or may not have been applied.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public MapOutcomeUnknownException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the client's error.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The client's error.</param>
    public MapOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a write of <paramref name="operation"/> on map <paramref name="mapName"/> with no reply.</summary>
    /// <param name="mapName">The map's name.</param>
    /// <param name="operation">The map member whose write has no known outcome.</param>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The client's error.</param>
    public MapOutcomeUnknownException(string mapName, string operation, string message, Exception innerException)
        : base(mapName, operation, message, innerException)
    {
    }

    /// <summary>Gets <see langword="true"/>: the write may have been applied.</summary>
    public override bool MayHaveBeenApplied => true;
}
