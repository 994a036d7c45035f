using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Internal;

/// <summary>Cold throw helpers, kept out of line so hot paths stay small enough to inline.</summary>
internal static class Throw
{
    [DoesNotReturn]
    public static void ArgumentNull(string paramName) => throw new ArgumentNullException(paramName);

    [DoesNotReturn]
    public static void KeyNotFound<TKey>(TKey key) =>
        throw new KeyNotFoundException($"The key '{key}' was not present in the map.");

    [DoesNotReturn]
    public static void DuplicateKey<TKey>(TKey key) =>
        throw new ArgumentException($"An entry with the same key has already been added. Key: {key}", nameof(key));

    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, object? actual, string message) =>
        throw new ArgumentOutOfRangeException(paramName, actual, message);
}
