namespace MapGuard.Cli.Lab.Running;

/// <summary>Workers on ordinary background <see cref="Thread"/>s.</summary>
internal sealed class ManagedThreadLauncher : IWorkerLauncher
{
    /// <summary>Gets the shared instance.</summary>
    public static ManagedThreadLauncher Instance { get; } = new();

    public string Description => "managed threads";

    public bool Run(Action<int> body, int count, TimeSpan timeout)
    {
        var workers = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            int index = i;
            workers[i] = new Thread(() => body(index)) { IsBackground = true, Name = $"lab-{index}" };
        }

        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        DateTime deadline = DateTime.UtcNow + timeout;
        foreach (Thread worker in workers)
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            if (!worker.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                return false;
            }
        }

        return true;
    }
}
