using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace MapGuard.Cli.Lab.GcResize;

/// <summary>
/// Reads a map's table size, and whether a resize is under way, after each write. The maps do not publish resize
/// events yet (the <c>mapguard.map.resizes</c> metric is planned), so this reads private fields through compiled
/// expression trees: a few nanoseconds per read, and a demonstration-only dependency on internals that may change.
/// </summary>
internal sealed class ResizeProbe
{
    private readonly Func<object, int> _capacity;
    private readonly Func<object, bool>? _resizing;

    private ResizeProbe(Func<object, int> capacity, Func<object, bool>? resizing)
    {
        _capacity = capacity;
        _resizing = resizing;
    }

    /// <summary>Gets whether the map resizes step by step (so a resize spans many writes).</summary>
    public bool IsIncremental => _resizing is not null;

    /// <summary>The bucket count of a <see cref="ConcurrentDictionary{TKey, TValue}"/> (its <c>_tables._buckets</c>), or null if the runtime's internals differ.</summary>
    public static ResizeProbe? ForConcurrentDictionary() =>
        Build(typeof(ConcurrentDictionary<long, long>), ["_tables", "_buckets"], null);

    /// <summary>The slot count of a <see cref="LockFreeMap{TKey, TValue}"/>'s current table, and whether its next
    /// table is being filled, or null if its internals differ.</summary>
    public static ResizeProbe? ForLockFreeMap() =>
        Build(typeof(LockFreeMap<long, long>), ["_table", "Slots"], ["_table", "Next"]);

    /// <summary>Gets the current table size.</summary>
    public int Capacity(object map) => _capacity(map);

    /// <summary>Gets whether an incremental resize is in progress.</summary>
    public bool Resizing(object map) => _resizing?.Invoke(map) ?? false;

    private static ResizeProbe? Build(Type mapType, string[] capacityPath, string[]? resizingPath)
    {
        try
        {
            ParameterExpression map = Expression.Parameter(typeof(object), "map");
            Expression array = Walk(Expression.Convert(map, mapType), capacityPath);
            var capacity = Expression.Lambda<Func<object, int>>(Expression.ArrayLength(array), map).Compile();
            Func<object, bool>? resizing = null;
            if (resizingPath is not null)
            {
                Expression next = Walk(Expression.Convert(map, mapType), resizingPath);
                resizing = Expression.Lambda<Func<object, bool>>(Expression.NotEqual(next, Expression.Constant(null, next.Type)), map).Compile();
            }

            return new ResizeProbe(capacity, resizing);
        }
        catch (ArgumentException)
        {
            return null; // a field was renamed: the demonstration then reports GC pauses only
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static Expression Walk(Expression target, string[] path)
    {
        foreach (string name in path)
        {
            FieldInfo field = target.Type.GetField(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                ?? throw new InvalidOperationException($"{target.Type.Name} has no field {name}");
            target = Expression.Field(target, field);
        }

        return target;
    }
}
