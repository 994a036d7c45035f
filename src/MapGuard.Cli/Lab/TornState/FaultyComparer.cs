namespace MapGuard.Cli.Lab.TornState;

/// <summary>
/// A long comparer whose <see cref="GetHashCode(long)"/> throws now and then while <see cref="Armed"/>: a stand-in for
/// a comparer that can fail (a culture lookup, a lazily loaded key, a bug) at any call, including the second hash
/// of an operation that already changed something.
/// </summary>
internal sealed class FaultyComparer(double faultRate) : IEqualityComparer<long>
{
    private volatile bool _armed = true;

    /// <summary>Gets or sets whether faults are injected (off while the result is checked).</summary>
    public bool Armed
    {
        get => _armed;
        set => _armed = value;
    }

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long obj) =>
        _armed && Random.Shared.NextDouble() < faultRate
            ? throw new InjectedFaultException("comparer fault in GetHashCode")
            : obj.GetHashCode();
}
