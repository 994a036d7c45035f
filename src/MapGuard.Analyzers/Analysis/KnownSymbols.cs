using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Analysis;

/// <summary>The framework types the rules look for, resolved once per compilation. A type the compilation lacks is null.</summary>
internal sealed class KnownSymbols
{
    /// <summary>The non-thread-safe collections and their kin, as open generic definitions.</summary>
    private static readonly string[] s_unsafeCollectionNames =
    [
        "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.List`1",
        "System.Collections.Generic.Queue`1",
        "System.Collections.Generic.Stack`1",
        "System.Collections.Generic.SortedDictionary`2",
        "System.Collections.Generic.SortedList`2",
        "System.Collections.Generic.SortedSet`1",
        "System.Collections.Generic.LinkedList`1",
        "System.Collections.Generic.PriorityQueue`2",
        "System.Collections.Generic.OrderedDictionary`2",
        "System.Collections.ObjectModel.Collection`1",
        "System.Collections.ArrayList",
        "System.Collections.Hashtable",
        "System.Collections.Queue",
        "System.Collections.Stack",
        "System.Collections.SortedList",
    ];

    private readonly ImmutableHashSet<INamedTypeSymbol> _unsafeCollections;

    private KnownSymbols(Compilation compilation)
    {
        ImmutableHashSet<INamedTypeSymbol>.Builder builder = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (string name in s_unsafeCollectionNames)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                builder.Add(type);
            }
        }

        _unsafeCollections = builder.ToImmutable();
        List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        Dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
        ConcurrentDictionary = compilation.GetTypeByMetadataName("System.Collections.Concurrent.ConcurrentDictionary`2");
        CollectionExtensions = compilation.GetTypeByMetadataName("System.Collections.Generic.CollectionExtensions");
        CollectionsMarshal = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.CollectionsMarshal");
        Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
        Lock = compilation.GetTypeByMetadataName("System.Threading.Lock");
        ReaderWriterLockSlim = compilation.GetTypeByMetadataName("System.Threading.ReaderWriterLockSlim");
        SemaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
        Mutex = compilation.GetTypeByMetadataName("System.Threading.Mutex");
        SpinLock = compilation.GetTypeByMetadataName("System.Threading.SpinLock");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
        Parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
        ParallelEnumerable = compilation.GetTypeByMetadataName("System.Linq.ParallelEnumerable");
        Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        ThreadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
        ThreadingTimer = compilation.GetTypeByMetadataName("System.Threading.Timer");
        TimersTimer = compilation.GetTypeByMetadataName("System.Timers.Timer");
        Timeout = compilation.GetTypeByMetadataName("System.Threading.Timeout");
        ThreadStaticAttribute = compilation.GetTypeByMetadataName("System.ThreadStaticAttribute");
        GuardedByAttribute = compilation.GetTypeByMetadataName("MapGuard.GuardedByAttribute");
    }

    public INamedTypeSymbol? List { get; }

    public INamedTypeSymbol? Dictionary { get; }

    public INamedTypeSymbol? ConcurrentDictionary { get; }

    public INamedTypeSymbol? CollectionExtensions { get; }

    public INamedTypeSymbol? CollectionsMarshal { get; }

    public INamedTypeSymbol? Monitor { get; }

    public INamedTypeSymbol? Lock { get; }

    public INamedTypeSymbol? ReaderWriterLockSlim { get; }

    public INamedTypeSymbol? SemaphoreSlim { get; }

    public INamedTypeSymbol? Mutex { get; }

    public INamedTypeSymbol? SpinLock { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskFactory { get; }

    public INamedTypeSymbol? TaskFactoryOfT { get; }

    public INamedTypeSymbol? Parallel { get; }

    public INamedTypeSymbol? ParallelEnumerable { get; }

    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? Thread { get; }

    public INamedTypeSymbol? ThreadPool { get; }

    public INamedTypeSymbol? ThreadingTimer { get; }

    public INamedTypeSymbol? TimersTimer { get; }

    public INamedTypeSymbol? Timeout { get; }

    public INamedTypeSymbol? ThreadStaticAttribute { get; }

    public INamedTypeSymbol? GuardedByAttribute { get; }

    public static KnownSymbols Create(Compilation compilation) => new(compilation);

    /// <summary>
    /// True for a non-thread-safe collection (<c>Dictionary</c>, <c>List</c>, <c>HashSet</c> and their kin, or a class
    /// derived from one). Concurrent, immutable and frozen collections are not in the list, so they are never flagged.
    /// </summary>
    public bool IsUnsafeCollection(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is INamedTypeSymbol named; current = named.BaseType)
        {
            if (_unsafeCollections.Contains(named.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="member"/> carries <c>[GuardedBy]</c>: the contract rules own it, not the heuristics.</summary>
    public bool HasGuardedBy(ISymbol member)
    {
        if (GuardedByAttribute is null)
        {
            return false;
        }

        foreach (AttributeData attribute in member.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, GuardedByAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The short name of the collection type, for messages: <c>Dictionary&lt;string, int&gt;</c>.</summary>
    public static string Describe(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>True when <paramref name="type"/> is <paramref name="definition"/> or a construction of it.</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? definition) =>
        type is not null && definition is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, definition);
}
