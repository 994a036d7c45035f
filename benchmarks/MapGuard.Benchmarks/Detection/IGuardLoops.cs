namespace MapGuard.Benchmarks.Detection;

/// <summary>The measured loops of <see cref="GuardOverheadBenchmarks{TKey}"/> over the maps of one kind.</summary>
internal interface IGuardLoops
{
    /// <summary>TryGetValue over the stream, on the first map; returns the sum of the values.</summary>
    long Get();

    /// <summary>An indexer set over the stream, on the first map.</summary>
    void Set();

    /// <summary>Removes every key of every map in a random order; returns how many were removed.</summary>
    int Remove();

    /// <summary>Removes every key of every map in insertion order; returns how many were removed.</summary>
    int RemoveInInsertionOrder();
}
