namespace MapGuard;

/// <summary>
/// A map bounded with <see cref="Eviction.Reject"/> is full, and the operation would have added a key. The map is
/// unchanged. (<see cref="IConcurrentMap{TKey, TValue}.TryAdd"/> returns false instead of throwing.)
/// </summary>
public sealed class CapacityExceededException : InvalidOperationException
{
    /// <summary>Creates an exception for the map <paramref name="mapName"/> holding <paramref name="capacity"/> keys.</summary>
    /// <param name="mapName">The map's name.</param>
    /// <param name="capacity">The map's capacity.</param>
    public CapacityExceededException(string mapName, int capacity)
        : base($"Map '{mapName}' is full: it holds its capacity of {capacity} keys and refuses new ones (Eviction.Reject).")
    {
        MapName = mapName;
        Capacity = capacity;
    }

    /// <summary>Creates an exception with a default message.</summary>
    public CapacityExceededException()
        : this(string.Empty, 0)
    {
    }

    /// <summary>Creates an exception with a message of the caller's own.</summary>
    /// <param name="message">The message.</param>
    public CapacityExceededException(string message)
        : base(message)
    {
        MapName = string.Empty;
    }

    /// <summary>Creates an exception with a message and an inner exception of the caller's own.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CapacityExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
        MapName = string.Empty;
    }

    /// <summary>Gets the name of the full map.</summary>
    public string MapName { get; }

    /// <summary>Gets its capacity.</summary>
    public int Capacity { get; }
}
