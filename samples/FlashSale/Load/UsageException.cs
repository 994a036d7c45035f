namespace FlashSale.Load;

/// <summary>Bad input to the <c>load</c> command: printed as one line on stderr, exit code <see cref="LoadCommand.UsageExitCode"/>.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a one-line message meant for the user.</summary>
    /// <param name="message">The message.</param>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
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
