namespace MapGuard.Telemetry;

/// <summary>The name a map reports under: the one it was built with, or its type's name.</summary>
internal static class MapNames
{
    /// <summary><paramref name="name"/> when it is set, otherwise the readable name of <paramref name="map"/>'s type.</summary>
    public static string Of(string? name, object map) => name ?? Default(map.GetType());

    /// <summary>The name of <paramref name="type"/> as C# writes it: <c>LockFreeMap&lt;String, Int32&gt;</c>.</summary>
    public static string Default(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return $"{name[..tick]}<{string.Join(", ", type.GetGenericArguments().Select(Default))}>";
    }
}
