namespace MapGuard.Ported.RuntimeCollections;

/// <summary>Equality from an inner comparer, one hash code for every key: every key collides.</summary>
/// <typeparam name="T">The key type.</typeparam>
public sealed class ConstantHashCodeComparer<T>(IEqualityComparer<T> inner) : IEqualityComparer<T>
{
    /// <inheritdoc/>
    public bool Equals(T? x, T? y) => inner.Equals(x, y);

    /// <inheritdoc/>
    public int GetHashCode(T obj) => 42;
}
