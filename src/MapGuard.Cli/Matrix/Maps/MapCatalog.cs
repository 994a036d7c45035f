using System.Reflection;

namespace MapGuard.Cli.Matrix.Maps;

/// <summary>
/// Finds the maps to measure by reflection, so a new map in the library joins the matrix without a code change here:
/// every public sealed generic type definition in the MapGuard assembly with two type parameters that implements
/// <see cref="IConcurrentMap{TKey, TValue}"/> and has a public parameterless constructor, except
/// <see cref="ConcurrentDictionaryMap{TKey, TValue}"/> (an adapter over the reference, which is measured raw).
/// </summary>
internal static class MapCatalog
{
    /// <summary>The reference row first, then the MapGuard maps by name.</summary>
    public static IReadOnlyList<MapDescriptor> All { get; } = Discover(typeof(IConcurrentMap<,>).Assembly);

    /// <summary>The names of <see cref="All"/>, comma-separated, for error messages.</summary>
    public static string AvailableNames => string.Join(", ", All.Select(m => m.Name));

    /// <summary>Finds the maps in <paramref name="assembly"/>, with the reference row first.</summary>
    public static IReadOnlyList<MapDescriptor> Discover(Assembly assembly)
    {
        var maps = assembly.GetExportedTypes()
            .Where(IsMeasurableMap)
            .Select(MapDescriptor.ForMap)
            .OrderBy(m => m.Name, StringComparer.Ordinal);
        return [MapDescriptor.Reference, .. maps];
    }

    /// <summary>
    /// Resolves a comma-separated <c>--maps</c> list (case-insensitive). The reference row is always included,
    /// because every ratio is taken against it. Null or empty selects every map.
    /// </summary>
    /// <exception cref="UsageException">A name is unknown; the message lists the available maps.</exception>
    public static IReadOnlyList<MapDescriptor> Select(string? names)
    {
        if (string.IsNullOrWhiteSpace(names))
        {
            return All;
        }

        var wanted = new HashSet<MapDescriptor> { MapDescriptor.Reference };
        foreach (string raw in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var map = All.FirstOrDefault(m => string.Equals(m.Name, raw, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--maps: unknown map '{raw}'; available maps: {AvailableNames}");
            wanted.Add(map);
        }

        // Keep catalogue order so columns do not depend on how the user typed the list.
        return All.Where(wanted.Contains).ToList();
    }

    private static bool IsMeasurableMap(Type type)
    {
        if (!type.IsClass || !type.IsSealed || !type.IsGenericTypeDefinition || type.GetGenericArguments().Length != 2
            || type == typeof(ConcurrentDictionaryMap<,>) || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return false;
        }

        try
        {
            // The type's own parameters must be <TKey, TValue> of the contract, and accept <long, long>.
            return typeof(IConcurrentMap<long, long>).IsAssignableFrom(type.MakeGenericType(typeof(long), typeof(long)));
        }
        catch (ArgumentException)
        {
            return false; // a generic constraint rejects long
        }
    }
}
