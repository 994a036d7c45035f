namespace MapGuard;

/// <summary>Describes the first operation on a map that passed <see cref="HashFloodMonitor.CollisionBound"/>.</summary>
public sealed class HashFloodDetectedEventArgs : EventArgs
{
    internal HashFloodDetectedEventArgs(object map, string mapName, int collisions)
    {
        Map = map;
        MapName = mapName;
        Collisions = collisions;
    }

    /// <summary>Gets the map that was reported.</summary>
    public object Map { get; }

    /// <summary>Gets the map's name: the one it was built with, or its type's name.</summary>
    public string MapName { get; }

    /// <summary>Gets how many stored keys with the same full hash code the operation met.</summary>
    public int Collisions { get; }
}
