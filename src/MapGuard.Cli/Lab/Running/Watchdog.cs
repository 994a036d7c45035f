namespace MapGuard.Cli.Lab.Running;

/// <summary>
/// Runs a piece of a demonstration on its own background thread and stops waiting after a timeout, so a plain
/// Dictionary that loops forever becomes a reported "hang" instead of a stuck command. A hung thread cannot be
/// stopped in .NET; it is abandoned (it is a background thread, so it does not keep the process alive).
/// </summary>
internal static class Watchdog
{
    /// <summary>Runs <paramref name="body"/>; returns null when it completed, its exception when it threw, or
    /// <see cref="TimeoutException"/> when it did not finish within <paramref name="timeout"/>.</summary>
    public static Exception? Run(Action body, TimeSpan timeout, string name)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                error = ex;
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return thread.Join(timeout) ? Volatile.Read(ref error) : new TimeoutException($"{name} did not finish within {timeout.TotalSeconds:0.#} s");
    }
}
