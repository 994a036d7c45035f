namespace MapGuard.Testing.Stress;

/// <summary>A stress scenario found the map's data wrong, a worker thread threw, or the watchdog fired.</summary>
public sealed class IntegrityException : Exception
{
    public IntegrityException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public IntegrityException()
    {
    }

    public IntegrityException(string message)
        : base(message)
    {
    }
}
