using System.Collections.Concurrent;

namespace MapGuard.Cli.Matrix.Maps;

/// <summary>
/// A map the matrix can measure: a MapGuard map found by <see cref="MapCatalog"/>, or the raw
/// <see cref="ConcurrentDictionary{TKey, TValue}"/> reference row.
/// </summary>
internal sealed class MapDescriptor
{
    private MapDescriptor(string name, Type? genericDefinition)
    {
        Name = name;
        GenericDefinition = genericDefinition;
    }

    /// <summary>The name of the reference row.</summary>
    public const string ReferenceName = "ConcurrentDictionary";

    /// <summary>The reference row: raw <see cref="ConcurrentDictionary{TKey, TValue}"/>, called directly.</summary>
    public static MapDescriptor Reference { get; } = new(ReferenceName, null);

    /// <summary>The name used on the command line and in output: the type name without its generic arity.</summary>
    public string Name { get; }

    /// <summary>True for the <see cref="ConcurrentDictionary{TKey, TValue}"/> reference row.</summary>
    public bool IsReference => GenericDefinition is null;

    /// <summary>The open generic map type, e.g. <c>LockedMap&lt;,&gt;</c>; null for the reference row.</summary>
    public Type? GenericDefinition { get; }

    /// <summary>Describes a MapGuard map type.</summary>
    public static MapDescriptor ForMap(Type genericDefinition)
    {
        string name = genericDefinition.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return new MapDescriptor(tick < 0 ? name : name[..tick], genericDefinition);
    }

    /// <summary>Creates an empty MapGuard map with its public parameterless constructor.</summary>
    /// <exception cref="InvalidOperationException">This is the reference row.</exception>
    public IConcurrentMap<TKey, long> CreateMap<TKey>()
        where TKey : notnull
    {
        var type = GenericDefinition?.MakeGenericType(typeof(TKey), typeof(long))
            ?? throw new InvalidOperationException("The reference row is not an IConcurrentMap.");
        return (IConcurrentMap<TKey, long>)Activator.CreateInstance(type)!;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
