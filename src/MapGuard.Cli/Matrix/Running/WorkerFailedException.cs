namespace MapGuard.Cli.Matrix.Running;

/// <summary>A worker process crashed, timed out, or printed something that is not a result.</summary>
internal sealed class WorkerFailedException : Exception
{
    /// <summary>Creates the exception with a one-line reason.</summary>
    public WorkerFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line reason and its cause.</summary>
    public WorkerFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic reason.</summary>
    public WorkerFailedException()
        : base("the worker process failed")
    {
    }
}
