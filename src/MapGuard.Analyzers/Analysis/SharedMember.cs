using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Analysis;

/// <summary>
/// A field or auto-property that stores state, as seen at one reference to it: the member and the instance it is read
/// through. Helpers for the exemptions every field rule shares: initializers and constructors.
/// </summary>
internal readonly struct SharedMember
{
    private SharedMember(ISymbol member, ITypeSymbol type, IOperation? instance)
    {
        Member = member;
        Type = type;
        Instance = instance;
    }

    public ISymbol Member { get; }

    public ITypeSymbol Type { get; }

    public IOperation? Instance { get; }

    /// <summary>True when the reference goes through <c>this</c>, explicit or implicit.</summary>
    public bool ThroughThis => Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

    /// <summary>The field or auto-property <paramref name="operation"/> references, or null for anything else.</summary>
    public static SharedMember? Of(IOperation operation)
    {
        switch (operation)
        {
            case IFieldReferenceOperation field:
                return new SharedMember(field.Field, field.Field.Type, field.Instance);
            case IPropertyReferenceOperation { Property.IsIndexer: false } property when IsAutoProperty(property.Property):
                return new SharedMember(property.Property, property.Property.Type, property.Instance);
            default:
                return null;
        }
    }

    /// <summary>True for a property declared in source with a compiler-generated backing field.</summary>
    public static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (ISymbol member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol { IsImplicitlyDeclared: true } field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the reference is part of building the state before anyone else can see it: a field or property
    /// initializer, an instance constructor touching its own instance's member, or the static constructor touching a
    /// static member of its type. Code in a lambda inside a constructor is not exempt: it may run later. Code in a local
    /// function of the constructor is, when the constructor only calls it (<see cref="RunsOnlyInPlace(IOperation)"/>).
    /// </summary>
    public bool IsInitialization(IOperation operation, ISymbol containingSymbol)
    {
        if (containingSymbol is IFieldSymbol or IPropertySymbol)
        {
            return true;
        }

        if (containingSymbol is not IMethodSymbol method || (InNestedFunction(operation) && !RunsOnlyInPlace(operation)))
        {
            return false;
        }

        if (Member.IsStatic)
        {
            return method.MethodKind == MethodKind.StaticConstructor && SymbolEqualityComparer.Default.Equals(method.ContainingType, Member.ContainingType);
        }

        return method.MethodKind == MethodKind.Constructor && ThroughThis && InheritsFrom(method.ContainingType, Member.ContainingType);
    }

    /// <summary>True when <paramref name="operation"/> is inside a lambda, anonymous method or local function.</summary>
    public static bool InNestedFunction(IOperation operation)
    {
        for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when every function around <paramref name="operation"/> is a local function that its enclosing body only
    /// calls directly, outside any lambda: never turned into a delegate, so it runs during the call of the member that
    /// declares it and nowhere else (the <c>void Add(...) =&gt; table[key] = ...;</c> helper of a static constructor).
    /// </summary>
    public static bool RunsOnlyInPlace(IOperation operation)
    {
        IOperation root = operation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return RunsOnlyInPlace(operation, root, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default));
    }

    // `checking` holds the local functions whose calls are being checked further up: meeting one again (mutual
    // recursion) adds no new way to run, so it counts as in place.
    private static bool RunsOnlyInPlace(IOperation operation, IOperation root, HashSet<IMethodSymbol> checking)
    {
        for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation)
            {
                return false;
            }

            if (parent is ILocalFunctionOperation local && checking.Add(local.Symbol) && !OnlyCalledInPlace(root, local.Symbol, checking))
            {
                return false;
            }
        }

        return true;
    }

    private static bool OnlyCalledInPlace(IOperation root, IMethodSymbol localFunction, HashSet<IMethodSymbol> checking)
    {
        foreach (IOperation use in root.Descendants())
        {
            switch (use)
            {
                case IMethodReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, localFunction):
                    return false; // a delegate: it may run later, on another thread
                case IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, localFunction)
                    && !RunsOnlyInPlace(call, root, checking):
                    return false; // called from a lambda, or from a local function that is not itself run in place
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="ancestor"/> or derives from it.</summary>
    public static bool InheritsFrom(ITypeSymbol? type, ITypeSymbol ancestor)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, ancestor.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }
}
