using System.Diagnostics.CodeAnalysis;

namespace MapGuard;

/// <summary>
/// The result of an asynchronous lookup or removal (<see cref="IAsyncConcurrentMap{TKey, TValue}.TryGetValueAsync"/>,
/// <see cref="IAsyncConcurrentMap{TKey, TValue}.TryRemoveAsync"/>): whether the key was there, and its value. A
/// <see cref="ValueTask{TResult}"/> cannot carry an <c>out</c> parameter, so this struct does, without allocating.
/// <c>default</c> is the result for an absent key.
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
public readonly struct MapLookup<TValue> : IEquatable<MapLookup<TValue>>
{
    private readonly TValue? _value;

    /// <summary>Creates a result for a key that was found with <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public MapLookup(TValue value)
    {
        Found = true;
        _value = value;
    }

    /// <summary>Gets whether the key was present.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Found { get; }

    /// <summary>Gets the value when <see cref="Found"/>; otherwise the default.</summary>
    public TValue? Value => _value;

    /// <summary>Compares two results.</summary>
    public static bool operator ==(MapLookup<TValue> left, MapLookup<TValue> right) => left.Equals(right);

    /// <summary>Compares two results.</summary>
    public static bool operator !=(MapLookup<TValue> left, MapLookup<TValue> right) => !left.Equals(right);

    /// <summary>Reads the result like a <c>TryGetValue</c>: <c>if (lookup.TryGetValue(out var v))</c>.</summary>
    /// <param name="value">The value when found.</param>
    /// <returns><see cref="Found"/>.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out TValue value)
    {
        value = _value!;
        return Found;
    }

    /// <inheritdoc />
    public bool Equals(MapLookup<TValue> other) =>
        Found == other.Found && EqualityComparer<TValue?>.Default.Equals(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MapLookup<TValue> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Found, _value);

    /// <inheritdoc />
    public override string ToString() => Found ? $"Found({_value})" : "Missing";
}
