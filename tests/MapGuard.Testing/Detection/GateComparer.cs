namespace MapGuard.Testing.Detection;

/// <summary>
/// An int comparer that parks the calling thread inside the dictionary: hashing <see cref="GateKey"/> signals
/// <see cref="Entered"/> and waits for <see cref="Release"/>. A test uses it to hold one operation open at a known
/// point while another thread starts its own, so an overlap happens every time instead of by chance.
/// </summary>
public sealed class GateComparer : IEqualityComparer<int>, IDisposable
{
    /// <summary>The key whose hashing blocks.</summary>
    public const int GateKey = -1;

    /// <summary>Gets the event set once a thread is parked in <see cref="GetHashCode(int)"/>.</summary>
    public ManualResetEventSlim Entered { get; } = new();

    /// <summary>Gets the event that lets the parked thread go on.</summary>
    public ManualResetEventSlim Release { get; } = new();

    /// <summary>Gets or sets whether hashing the gate key blocks (turn it off to use the key normally).</summary>
    public bool Armed { get; set; } = true;

    public bool Equals(int x, int y) => x == y;

    public int GetHashCode(int obj)
    {
        if (obj == GateKey && Armed)
        {
            Entered.Set();
            if (!Release.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("GateComparer was never released.");
            }
        }

        return obj;
    }

    public void Dispose()
    {
        Entered.Dispose();
        Release.Dispose();
    }
}
