namespace MapGuard.Testing.Linearizability;

/// <summary>
/// How <see cref="LinearizabilityRunner"/> sets up each history beyond the recorded calls: how the map is built with
/// its initial state, and an optional interference (such as a migration's phase change) that runs on its own thread
/// during the calls. The interference is not recorded: it must not change what the map holds, only how.
/// </summary>
public sealed class HistoryScenario
{
    /// <summary>Gets how to build the map holding an initial state (key to value; absent keys are absent).</summary>
    public required Func<IReadOnlyDictionary<int, int>, IConcurrentMap<int, int>> Create { get; init; }

    /// <summary>
    /// Gets what the interfering thread does during each history, after a random pause drawn so that it usually lands
    /// among the calls: given the map and a random source for the history. Null for no interference.
    /// </summary>
    public Action<IConcurrentMap<int, int>, Random>? Interference { get; init; }

    /// <summary>Gets the largest random pause, in <see cref="Thread.SpinWait(int)"/> iterations, before the interference.</summary>
    public int MaxInterferencePause { get; init; } = 400;

    /// <summary>The scenario of a plain map: built by <paramref name="factory"/>, initial state written through its indexer.</summary>
    public static HistoryScenario Plain(Func<IConcurrentMap<int, int>> factory) => new()
    {
        Create = initial =>
        {
            IConcurrentMap<int, int> map = factory();
            foreach ((int key, int value) in initial)
            {
                map[key] = value;
            }

            return map;
        },
    };
}
