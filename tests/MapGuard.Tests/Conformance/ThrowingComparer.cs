namespace MapGuard.Tests.Conformance;

/// <summary>
/// An int comparer that crowds keys into 8 hash codes (so lookups call <see cref="Equals(int, int)"/> on colliding
/// keys) and, when armed, throws from <see cref="Equals(int, int)"/> or <see cref="GetHashCode(int)"/> whenever the
/// poisoned key is involved.
/// </summary>
public sealed class ThrowingComparer : IEqualityComparer<int>
{
    public enum Fault
    {
        None,
        InEquals,
        InGetHashCode,
    }

    public Fault Mode { get; set; }

    public int Poison { get; set; } = -1;

    public bool Equals(int x, int y)
    {
        if (Mode == Fault.InEquals && (x == Poison || y == Poison))
        {
            throw new InvalidOperationException("comparer fault: Equals");
        }

        return x == y;
    }

    public int GetHashCode(int obj)
    {
        if (Mode == Fault.InGetHashCode && obj == Poison)
        {
            throw new InvalidOperationException("comparer fault: GetHashCode");
        }

        return obj % 8;
    }
}
