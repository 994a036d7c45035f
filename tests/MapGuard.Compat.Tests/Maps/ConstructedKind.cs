namespace MapGuard.Compat.Tests.Maps;

/// <summary>A map with <c>ConcurrentDictionary</c>'s constructors, created through them.</summary>
public sealed class ConstructedKind(Type genericDefinition) : MapKind
{
    public override string Name => genericDefinition.Name[..genericDefinition.Name.IndexOf('`', StringComparison.Ordinal)];

    public override string TypeName => "MapGuard." + Name;

    public override bool HasConstructors => true;

    public override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        Construct<TKey, TValue>([typeof(IEqualityComparer<TKey>)], [comparer]);

    public override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer = null) =>
        Construct<TKey, TValue>([typeof(IEnumerable<KeyValuePair<TKey, TValue>>), typeof(IEqualityComparer<TKey>)], [collection, comparer]);

    /// <summary>Calls the constructor with exactly <paramref name="parameterTypes"/>, unwrapping what it throws.</summary>
    public IConcurrentMap<TKey, TValue> Construct<TKey, TValue>(Type[] parameterTypes, object?[] arguments)
        where TKey : notnull
    {
        Type closed = genericDefinition.MakeGenericType(typeof(TKey), typeof(TValue));
        System.Reflection.ConstructorInfo constructor = closed.GetConstructor(parameterTypes)
            ?? throw new InvalidOperationException($"{Name} has no constructor ({string.Join(", ", parameterTypes.Select(t => t.Name))}).");
        try
        {
            return (IConcurrentMap<TKey, TValue>)constructor.Invoke(arguments);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
