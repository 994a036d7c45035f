using MapGuard.Cli.Matrix.Maps;

namespace MapGuard.Cli.Lab.Maps;

/// <summary>The rows a demonstration runs: the plain Dictionary, the guard, then every concurrent map.</summary>
internal static class LabSubjects
{
    /// <summary>The name of the BCL reference row.</summary>
    public const string ConcurrentDictionaryName = "ConcurrentDictionary";

    /// <summary>Gets every concurrent map: ConcurrentDictionary, then each MapGuard map the matrix discovers.</summary>
    public static IReadOnlyList<string> MapNames { get; } =
        [ConcurrentDictionaryName, .. MapCatalog.All.Where(m => !m.IsReference).Select(m => m.Name)];

    /// <summary>A fresh plain Dictionary, GuardedDictionary (Throw), and then each concurrent map, in report order.</summary>
    public static IEnumerable<Func<ILabMap>> WriteRaceSubjects()
    {
        yield return () => new DictionaryLabMap();
        yield return () => new GuardedLabMap(GuardMode.Throw);
        foreach (string name in MapNames)
        {
            string captured = name;
            yield return () => CreateMap(captured);
        }
    }

    /// <summary>A fresh concurrent map by name.</summary>
    public static ConcurrentLabMap CreateMap(string name) =>
        new(name, name == ConcurrentDictionaryName
            ? new ConcurrentDictionaryMap<long, long>()
            : MapCatalog.All.First(m => m.Name == name).CreateMap<long>());

    /// <summary>A fresh concurrent map by name, with <paramref name="comparer"/> (every map has that constructor).</summary>
    public static IConcurrentMap<long, long> CreateMap(string name, IEqualityComparer<long> comparer)
    {
        Type type = name == ConcurrentDictionaryName
            ? typeof(ConcurrentDictionaryMap<long, long>)
            : MapCatalog.All.First(m => m.Name == name).GenericDefinition!.MakeGenericType(typeof(long), typeof(long));
        return (IConcurrentMap<long, long>)Activator.CreateInstance(type, comparer)!;
    }
}
