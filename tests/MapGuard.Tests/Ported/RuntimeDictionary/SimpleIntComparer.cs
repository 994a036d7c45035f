namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>A custom comparer for <see cref="SimpleInt"/>: equal when the values are, hashed by value.</summary>
public sealed class SimpleIntComparer : IEqualityComparer<SimpleInt>
{
    /// <inheritdoc/>
    public bool Equals(SimpleInt x, SimpleInt y) => x.Val == y.Val;

    /// <inheritdoc/>
    public int GetHashCode(SimpleInt obj) => obj.Val.GetHashCode();
}
