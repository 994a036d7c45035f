namespace MapGuard.Cli.HitRate;

/// <summary>A sequence of key accesses to replay against a cache, and how many distinct keys it draws from.</summary>
/// <param name="Name">The trace's name in the report.</param>
/// <param name="Keys">The accesses, in order.</param>
/// <param name="KeySpace">The number of distinct keys the trace draws from; cache sizes are fractions of it.</param>
internal sealed record KeyTrace(string Name, long[] Keys, int KeySpace);
