namespace MapGuard.Cli.Lab.Migration;

/// <summary>
/// Where one migration hazard moves its keys: from a <see cref="ConcurrentDictionaryMap{TKey, TValue}"/> to the map that
/// <see cref="OpenTarget"/> returns, with the key count and sweep batch sized for how fast that map is.
/// </summary>
/// <param name="HazardName">The <c>mapguard lab</c> name.</param>
/// <param name="TargetName">The target map as the report names it, e.g. <c>LockFreeMap</c>.</param>
/// <param name="Keys">The keys the source holds when the migration starts.</param>
/// <param name="SweepBatch">Keys the sweep copies per step.</param>
/// <param name="OpenTarget">Creates the empty target map (and whatever it runs on) for one migration.</param>
internal sealed record MigrationRoute(
    string HazardName,
    string TargetName,
    int Keys,
    int SweepBatch,
    Func<LabSettings, MigrationTarget> OpenTarget)
{
    /// <summary>In process: ConcurrentDictionaryMap to LockFreeMap, 200,000 keys swept in 40 steps.</summary>
    public static MigrationRoute InProcess { get; } = new(
        "migration",
        "LockFreeMap",
        Keys: 200_000,
        SweepBatch: 5_000,
        _ => new MigrationTarget(new LockFreeMap<long, long>(), "a LockFreeMap in this process", resources: null));

    /// <summary>
    /// Out of process: ConcurrentDictionaryMap to a RedisMap (on the server that <c>--redis</c> names, or on a
    /// redis-server from <c>PATH</c> started for the run). Every target call is a network round trip, so fewer keys: 20,000 swept in 40 steps.
    /// </summary>
    public static MigrationRoute ToRedis { get; } = new(
        "migrate-to-redis",
        "RedisMap",
        Keys: 20_000,
        SweepBatch: 500,
        RedisMigrationTarget.Open);
}

/// <summary>The target map of one migration and what must be released after it.</summary>
internal sealed class MigrationTarget(IConcurrentMap<long, long> map, string description, IDisposable? resources) : IDisposable
{
    /// <summary>Gets the empty target map.</summary>
    public IConcurrentMap<long, long> Map { get; } = map;

    /// <summary>Gets where the map lives, for the progress lines.</summary>
    public string Description { get; } = description;

    /// <summary>Releases the server connection or the hosted server, if any.</summary>
    public void Dispose() => resources?.Dispose();
}
