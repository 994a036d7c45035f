namespace MapGuard.Cli.Lab.TornState;

/// <summary>The fault <c>torn-state</c> injects into a factory or a comparer, partway through an operation.</summary>
internal sealed class InjectedFaultException : Exception
{
    public InjectedFaultException()
        : base("injected fault")
    {
    }

    public InjectedFaultException(string message)
        : base(message)
    {
    }

    public InjectedFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
