namespace MapGuard.Cli.Tests;

/// <summary>The calls every <see cref="CountingMap{TKey, TValue}"/> received.</summary>
public static class MapCallCounts
{
    internal static long s_adds;
    internal static long s_reads;
    internal static long s_writes;

    public static (long Adds, long Reads, long Writes) Snapshot => (Interlocked.Read(ref s_adds), Interlocked.Read(ref s_reads), Interlocked.Read(ref s_writes));

    public static void Reset() => (s_adds, s_reads, s_writes) = (0, 0, 0);
}
