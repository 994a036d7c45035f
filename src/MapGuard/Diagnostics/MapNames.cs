using System.Runtime.CompilerServices;

namespace MapGuard;

/// <summary>
/// The names users give maps, for diagnostics and the <see cref="MapGuardMeter.MapTag"/> tag. Kept beside the maps
/// rather than in them, so a map that is never named carries no field for it.
/// </summary>
internal static class MapNames
{
    private static readonly ConditionalWeakTable<object, string> s_names = new();

    /// <summary>Names <paramref name="map"/>; a later call replaces the name.</summary>
    public static void Set(object map, string name) => s_names.AddOrUpdate(map, name);

    /// <summary>The name of <paramref name="map"/>, or its type's name when it has none.</summary>
    public static string Of(object map) => s_names.TryGetValue(map, out string? name) ? name : DefaultName(map.GetType());

    private static string DefaultName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return $"{name[..tick]}<{string.Join(", ", type.GetGenericArguments().Select(DefaultName))}>";
    }
}
