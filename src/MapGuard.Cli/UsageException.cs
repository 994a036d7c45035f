namespace MapGuard.Cli;

/// <summary>
/// Bad input from the user: an option value out of range, an unknown map, a missing profile, an unwritable path.
/// The command prints <see cref="Exception.Message"/> as one line on stderr and exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a one-line message meant for the user.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and the exception that caused it.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public UsageException()
        : base("invalid arguments")
    {
    }
}
