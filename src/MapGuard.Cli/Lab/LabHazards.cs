using MapGuard.Cli.Lab.Hazards;
using MapGuard.Cli.Lab.Migration;

namespace MapGuard.Cli.Lab;

/// <summary>The hazards <c>mapguard lab</c> can run, in the order the help lists them.</summary>
internal static class LabHazards
{
    /// <summary>Gets every hazard.</summary>
    public static IReadOnlyList<LabHazard> All { get; } =
    [
        new ConcurrentWritesHazard(),
        new TornStateHazard(),
        new CapturedClosureHazard(),
        new NativeThreadsHazard(),
        new GcResizeHazard(),
        new MigrationHazard(MigrationRoute.InProcess),
        new MigrationHazard(MigrationRoute.ToRedis),
    ];

    /// <summary>Gets the hazard names, comma-separated, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(h => h.Name));

    /// <summary>Finds a hazard by name (case-insensitive).</summary>
    /// <exception cref="UsageException">No hazard has that name.</exception>
    public static LabHazard Find(string name) =>
        All.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"lab: unknown hazard '{name}'; available hazards: {Names}");
}
