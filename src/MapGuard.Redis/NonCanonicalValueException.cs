namespace MapGuard.Redis;

/// <summary>
/// A value stored on the server is not the canonical form of any value: it does not deserialize (<c>abc</c> for an
/// <see cref="int"/>, a number out of range), or it deserializes to a value that serializes to different bytes
/// (<c>0100</c>, <c>+100</c>, <c>1e2</c> for 100). RedisMap compares values by their bytes on the server, so such a
/// value can never match a compare-and-set; it refuses to use it rather than retry forever. Something other than
/// RedisMap wrote it (another client, <c>redis-cli</c>, a different serializer); fix or remove the field.
/// </summary>
/// <remarks>The message names the map and the key, and gives the stored value's length, never its bytes (values may be secrets).</remarks>
public sealed class NonCanonicalValueException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public NonCanonicalValueException()
        : this("A stored value is not in canonical form.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public NonCanonicalValueException(string message)
        : base(message)
    {
        MapName = string.Empty;
        Key = string.Empty;
    }

    /// <summary>Creates the exception with a message and the deserializer's error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The deserializer's error, if any.</param>
    public NonCanonicalValueException(string message, Exception? innerException)
        : base(message, innerException)
    {
        MapName = string.Empty;
        Key = string.Empty;
    }

    /// <summary>Creates the exception for the value of <paramref name="key"/> in map <paramref name="mapName"/>.</summary>
    /// <param name="mapName">The map's name.</param>
    /// <param name="key">The key whose value is not canonical, as text.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The deserializer's error, if any.</param>
    public NonCanonicalValueException(string mapName, string key, string message, Exception? innerException)
        : base(message, innerException)
    {
        MapName = mapName;
        Key = key;
    }

    /// <summary>Gets the name of the map.</summary>
    public string MapName { get; }

    /// <summary>Gets the key whose stored value is not canonical, as text.</summary>
    public string Key { get; }
}
