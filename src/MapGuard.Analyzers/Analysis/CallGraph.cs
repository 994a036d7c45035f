using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Analysis;

/// <summary>
/// The calls between the compilation's own methods, with what each call site holds, so that a helper's body can be
/// judged by its callers: a private or internal method whose every call site holds a lock runs under that lock; one
/// called only from configuration code (a method that receives or builds an <c>IServiceCollection</c>,
/// <c>IHostBuilder</c>, <c>IHostApplicationBuilder</c>, <c>WebApplicationBuilder</c> or <c>IWebHostBuilder</c>), from
/// its own instance's constructor before <c>this</c> escapes, from the static constructor, or from test set-up runs
/// before anything else can share the state. Filled by operation actions, read once at the compilation's end.
/// </summary>
internal sealed class CallGraph
{
    private static readonly HashSet<string> s_configurationTypes = new(StringComparer.Ordinal)
    {
        "Microsoft.Extensions.DependencyInjection.IServiceCollection",
        "Microsoft.Extensions.Hosting.IHostBuilder",
        "Microsoft.Extensions.Hosting.IHostApplicationBuilder",
        "Microsoft.Extensions.Hosting.HostApplicationBuilder",
        "Microsoft.AspNetCore.Builder.WebApplicationBuilder",
        "Microsoft.AspNetCore.Hosting.IWebHostBuilder",
    };

    private readonly ConcurrentDictionary<IMethodSymbol, ConcurrentBag<CallSite>> _sites = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _escaping = new(SymbolEqualityComparer.Default);


    // Private constructors, each with whether every `new` of it so far sits directly in a static initializer of its own
    // type (a static field or property initializer, or the static constructor): the registry-of-instances shape.
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _createdInTypeInitialization = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _configuration = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, ITypeSymbol State, bool IsStatic, bool Top), Coverage> _memo = new(new MemoKeyComparer());
    private readonly KnownSymbols _known;

    private readonly Lazy<HashSet<INamedTypeSymbol>> _liveTypes;

    private CallGraph(KnownSymbols known)
    {
        _known = known;
        _liveTypes = new Lazy<HashSet<INamedTypeSymbol>>(LiveTypes);
    }

    /// <summary>Creates the graph and registers the actions that fill it.</summary>
    public static CallGraph Register(CompilationStartAnalysisContext start, KnownSymbols known)
    {
        var graph = new CallGraph(known);
        start.RegisterOperationAction(graph.Record, OperationKind.Invocation, OperationKind.MethodReference, OperationKind.ObjectCreation, OperationKind.PropertyReference);
        return graph;
    }

    private void Record(OperationAnalysisContext context)
    {
        switch (context.Operation)
        {
            case IInvocationOperation invocation when IsTracked(invocation.TargetMethod):
                // Only the call's shape is kept; what it holds is worked out at the end, and only for the few methods
                // whose bodies hold an unprotected access, which keeps the per-call cost to a dictionary insert.
                IMethodSymbol? caller = SharedMember.InNestedFunction(invocation) ? null : context.ContainingSymbol as IMethodSymbol;
                _sites.GetOrAdd(invocation.TargetMethod.OriginalDefinition, _ => []).Add(new CallSite(caller, invocation, invocation.Instance, _known));
                break;

            case IMethodReferenceOperation reference when IsTracked(reference.Method):
                _escaping[reference.Method.OriginalDefinition] = true;
                break;

            case IPropertyReferenceOperation { Property: var property } reference when property.Locations.Any(l => l.IsInSource):
                // A property whose accessor has a body is a call of that accessor: a read runs the getter, a plain
                // assignment the setter, a compound assignment, an increment or a deconstruction (to be safe) both.
                bool onlyWritten = reference.Parent is ISimpleAssignmentOperation simple && simple.Target == reference;
                bool written = onlyWritten
                    || (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
                    || reference.Parent is IIncrementOrDecrementOperation or ITupleOperation;
                IMethodSymbol? from = SharedMember.InNestedFunction(reference) ? null : context.ContainingSymbol as IMethodSymbol;
                if (written && HasBody(property.OriginalDefinition.SetMethod) is { } setter)
                {
                    _sites.GetOrAdd(setter, _ => []).Add(new CallSite(from, reference, reference.Instance, _known));
                }

                if (!onlyWritten && HasBody(property.OriginalDefinition.GetMethod) is { } getter)
                {
                    _sites.GetOrAdd(getter, _ => []).Add(new CallSite(from, reference, reference.Instance, _known));
                }

                break;

            case IObjectCreationOperation { Constructor: { DeclaredAccessibility: Accessibility.Private } constructor }:
                bool inTypeInitialization = !SharedMember.InNestedFunction(context.Operation)
                    && SymbolEqualityComparer.Default.Equals(context.ContainingSymbol.ContainingType?.OriginalDefinition, constructor.ContainingType.OriginalDefinition)
                    && context.ContainingSymbol is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true } or IMethodSymbol { MethodKind: MethodKind.StaticConstructor };
                _createdInTypeInitialization.AddOrUpdate(constructor.OriginalDefinition, inTypeInitialization, (_, before) => before && inTypeInitialization);
                break;
        }
    }

    /// <summary>
    /// How the body of <paramref name="method"/> is protected by its callers for state of <paramref name="stateType"/>
    /// (static state when <paramref name="isStatic"/>).
    /// </summary>
    public Coverage CoverageOf(IMethodSymbol method, INamedTypeSymbol stateType, bool isStatic) =>
        Cover(method.OriginalDefinition, stateType, isStatic, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), top: true);

    /// <summary>
    /// True when <paramref name="method"/> itself runs before the state can be shared: configuration code, test set-up,
    /// or a member of a test fixture that its framework never runs in parallel.
    /// </summary>
    public bool IsSetUp(IMethodSymbol method) => IsConfiguration(method) || IsTearDown(method) || TestFrameworks.IsSerialised(method);

    /// <summary>
    /// True for <c>Dispose()</c>, <c>Dispose(bool)</c>, <c>DisposeAsync()</c> and finalizers: by the disposal contract the
    /// object's users are done with it when they run, as nobody uses it yet while its constructor runs.
    /// </summary>
    private static bool IsTearDown(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Destructor
        || (method.Name is "Dispose" or "DisposeAsync" or "DisposeAsyncCore" or "DisposeCore"
            && method.Parameters.Length <= 1
            && method.ContainingType.AllInterfaces.Any(i => i.Name is "IDisposable" or "IAsyncDisposable" && i.ContainingNamespace.ToDisplayString() == "System"));

    /// <summary>
    /// True when <paramref name="method"/> can only be reached from <paramref name="roots"/>: it is one of them, or a
    /// hidden method, not passed as a delegate, every call site of which sits directly in such a method.
    /// </summary>
    public bool OnlyReachedFrom(IMethodSymbol method, ISet<IMethodSymbol> roots) =>
        OnlyReachedFrom(method.OriginalDefinition, roots, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default));

    private bool OnlyReachedFrom(IMethodSymbol method, ISet<IMethodSymbol> roots, HashSet<IMethodSymbol> visiting)
    {
        if (roots.Contains(method))
        {
            return true;
        }

        if (!visiting.Add(method) || !IsHidden(method) || _escaping.ContainsKey(method) || !_sites.TryGetValue(method, out ConcurrentBag<CallSite>? sites))
        {
            return false;
        }

        return sites.All(site => site.Caller is { } caller && OnlyReachedFrom(caller.OriginalDefinition, roots, visiting));
    }

    private Coverage Cover(IMethodSymbol method, INamedTypeSymbol stateType, bool isStatic, HashSet<IMethodSymbol> visiting, bool top)
    {
        // Callers' verdicts are remembered per state type: without it a chain of helpers reached along many paths is
        // walked once per path, which grows exponentially with the depth of the call graph.
        var key = (method, stateType.OriginalDefinition, isStatic, top);
        if (_memo.TryGetValue(key, out Coverage known))
        {
            return known;
        }

        if (visiting.Contains(method))
        {
            return Coverage.Recursive;
        }

        visiting.Add(method);
        Coverage result;
        try
        {
            result = CoverUncached(method, stateType, isStatic, visiting, top);
        }
        finally
        {
            visiting.Remove(method);
        }

        _memo[key] = result;
        return result;
    }

    private Coverage CoverUncached(IMethodSymbol method, INamedTypeSymbol stateType, bool isStatic, HashSet<IMethodSymbol> visiting, bool top)
    {

        if (!top && IsSetUp(method))
        {
            return Coverage.SetUp;
        }

        // A private constructor that only its own type's static initializers call runs during type initialization, which
        // the runtime runs once, under its own lock, before any other use of the type: set-up for the type's statics.
        if (isStatic && method.MethodKind == MethodKind.Constructor
            && SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, stateType.OriginalDefinition)
            && _createdInTypeInitialization.TryGetValue(method, out bool onlyThere) && onlyThere)
        {
            return Coverage.SetUp;
        }

        // An override is called through the methods it overrides (the template-method shape: a base class calls its
        // protected abstract Write under its own lock), so their call sites are its call sites too.
        var sites = new List<CallSite>();
        for (IMethodSymbol? current = method; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
        {
            if (_escaping.ContainsKey(current))
            {
                return Coverage.None;
            }

            if (_sites.TryGetValue(current, out ConcurrentBag<CallSite>? found))
            {
                sites.AddRange(found);
            }

            // Likewise the call sites of an interface method that this method (or one it overrides) implements:
            // IFactory.Clear() called under a lock reaches each factory's Clear.
            foreach (INamedTypeSymbol contract in current.ContainingType.AllInterfaces)
            {
                foreach (ISymbol member in contract.GetMembers(current.Name))
                {
                    if (member is IMethodSymbol declared
                        && SymbolEqualityComparer.Default.Equals(current.ContainingType.FindImplementationForInterfaceMember(declared)?.OriginalDefinition, current)
                        && _sites.TryGetValue(declared.OriginalDefinition, out ConcurrentBag<CallSite>? viaInterface))
                    {
                        if (_escaping.ContainsKey(declared.OriginalDefinition))
                        {
                            return Coverage.None;
                        }

                        sites.AddRange(viaInterface);
                    }
                }
            }
        }


        if (sites.Count == 0)
        {
            return IsDead(method) ? Coverage.Dead : IsUncalledExtensionPoint(method) ? Coverage.External : Coverage.None;
        }

        // A method callable from outside the compilation may run anywhere, except that application code run only at
        // configuration time is taken as set-up whatever its accessibility.
        bool hidden = IsHidden(method);
        HeldLock? firstLock = null;
        HeldLock? witness = null;
        var unprotected = new List<Location>();
        bool anyProtected = false;
        bool allSetUp = true;
        bool onlyFromDeadCode = false;
        foreach (CallSite site in sites)
        {
            // A recursive call neither protects nor exposes the body: its outside callers decide.
            if (site.Caller is { } self && SymbolEqualityComparer.Default.Equals(self.OriginalDefinition, method))
            {
                continue;
            }

            if (site.Lock is { } held)
            {
                firstLock ??= held;
                if (site.OnThis && held.GuardsThisInstance)
                {
                    witness ??= held;
                }

                anyProtected = true;
                allSetUp = false;
                continue;
            }

            if (site.InInitialization && site.Caller is { } constructor && IsInitializerOf(constructor, stateType, isStatic))
            {
                anyProtected = true;
                allSetUp = false;
                continue;
            }

            Coverage callers = site.Caller is { } caller ? Cover(caller.OriginalDefinition, stateType, isStatic, visiting, top: false) : Coverage.None;
            if (callers.Kind == CoverageKind.Dead)
            {
                onlyFromDeadCode = true; // a call from dead code neither protects nor exposes the body
                continue;
            }

            if (callers.Covered)
            {
                firstLock ??= callers.Lock;
                if (site.OnThis)
                {
                    witness ??= callers.Witness;
                }

                anyProtected |= callers.Kind != CoverageKind.Recursive;
                allSetUp &= callers.Kind == CoverageKind.SetUp;
                continue;
            }

            allSetUp = false;
            unprotected.Add(site.Location);
        }

        if (onlyFromDeadCode && !anyProtected && unprotected.Count == 0 && RunsOnlyWhenCalled(method))
        {
            return Coverage.Dead; // every caller is dead code
        }

        if (!hidden)
        {
            return anyProtected && allSetUp ? Coverage.SetUp : Coverage.None;
        }

        if (unprotected.Count == 0)
        {
            return anyProtected ? new Coverage(firstLock is null ? CoverageKind.SetUp : CoverageKind.Lock, firstLock, [], witness) : Coverage.None;
        }

        return anyProtected && top ? new Coverage(CoverageKind.Partial, firstLock, unprotected, witness) : Coverage.None;
    }

    private static bool IsInitializerOf(IMethodSymbol constructor, INamedTypeSymbol stateType, bool isStatic) =>
        isStatic
            ? constructor.MethodKind == MethodKind.StaticConstructor && SymbolEqualityComparer.Default.Equals(constructor.ContainingType.OriginalDefinition, stateType.OriginalDefinition)
            : constructor.MethodKind == MethodKind.Constructor && SharedMember.InheritsFrom(constructor.ContainingType, stateType);

    /// <summary>
    /// True for an ordinary method that nothing in the compilation calls or turns into a delegate, that nothing outside
    /// it can call (private, or inside an internal or private type), that no contract dispatches to (not virtual, not
    /// an override, implementing no interface member), that carries no attribute a framework could find it by (a test,
    /// a serialization callback, a module initializer), and whose type is in use: another type calls some method of it.
    /// Such a method never runs, however it touches shared state. The last condition keeps a type that nothing else
    /// uses yet, a library's new helper or a code snippet, judged as if it were called.
    /// </summary>
    private bool IsDead(IMethodSymbol method) =>
        RunsOnlyWhenCalled(method) && _liveTypes.Value.Contains(method.ContainingType.OriginalDefinition);

    /// <summary>
    /// True when <paramref name="method"/> runs only through the compilation's own calls: an ordinary method that no
    /// code outside the compilation can name, that no contract dispatches to, that is never turned into a delegate, and
    /// that no attribute exposes to a framework.
    /// </summary>
    private bool RunsOnlyWhenCalled(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary
            || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
            || !method.ExplicitInterfaceImplementations.IsEmpty
            || method.Name == "Main"
            || !method.GetAttributes().IsEmpty
            || !IsClosedToOutside(method)
            || _escaping.ContainsKey(method))
        {
            return false;
        }

        foreach (INamedTypeSymbol contract in method.ContainingType.AllInterfaces)
        {
            foreach (ISymbol member in contract.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member)?.OriginalDefinition, method))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // Types some of whose methods are called from another type of the compilation: in use, not merely calling
    // themselves. Read only at the compilation's end, when every call has been recorded.
    private HashSet<INamedTypeSymbol> LiveTypes()
    {
        var live = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (KeyValuePair<IMethodSymbol, ConcurrentBag<CallSite>> entry in _sites)
        {
            INamedTypeSymbol type = entry.Key.ContainingType.OriginalDefinition;
            if (entry.Value.Any(site => site.Caller is { } caller && !SymbolEqualityComparer.Default.Equals(caller.ContainingType.OriginalDefinition, type)))
            {
                live.Add(type);
            }
        }

        return live;
    }

    /// <summary>
    /// True for a protected method or accessor that no code of the compilation calls, reads, writes or turns into a
    /// delegate, and that overrides nothing: only a subclass outside the compilation can run it, under locks the
    /// analysis cannot see. (Protected members that the compilation does call are judged by those calls, see
    /// <see cref="IsHidden"/>.)
    /// </summary>
    private bool IsUncalledExtensionPoint(IMethodSymbol method) =>
        method.DeclaredAccessibility == Accessibility.Protected
        && method.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet
        && !method.IsOverride
        && !_escaping.ContainsKey(method)
        && (method.AssociatedSymbol is not IPropertySymbol property || !property.IsOverride);

    /// <summary>The accessor when it is declared in source with a body (not an auto-property's), else null.</summary>
    private static IMethodSymbol? HasBody(IMethodSymbol? accessor)
    {
        if (accessor is null || accessor.DeclaringSyntaxReferences.Length == 0)
        {
            return null;
        }

        return accessor.DeclaringSyntaxReferences[0].GetSyntax() switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax declared => declared.Body is not null || declared.ExpressionBody is not null ? accessor : null,
            _ => accessor, // an expression-bodied property or indexer: `=> ...`
        };
    }

    /// <summary>True when only the compilation can name <paramref name="method"/>: it, or a type around it, is private or internal.</summary>
    private static bool IsClosedToOutside(IMethodSymbol method)
    {
        for (ISymbol? symbol = method; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when no code outside the compilation can call <paramref name="method"/>. A protected method counts: a
    /// subclass elsewhere could call it, but the shape this serves is the base class calling its own protected hook.
    /// </summary>
    private static bool IsHidden(IMethodSymbol method)
    {
        for (ISymbol? symbol = method; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal
                || (SymbolEqualityComparer.Default.Equals(symbol, method) && method.DeclaredAccessibility == Accessibility.Protected))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsConfiguration(IMethodSymbol method) =>
        _configuration.GetOrAdd(method.OriginalDefinition, m =>
        {
            foreach (IParameterSymbol parameter in m.Parameters)
            {
                if (IsConfigurationType(parameter.Type))
                {
                    return true;
                }
            }

            foreach (SyntaxReference reference in m.DeclaringSyntaxReferences)
            {
                foreach (SyntaxNode node in reference.GetSyntax().DescendantNodes())
                {
                    if (node is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclarationSyntax { Type: var type } declaration
                        && (type.ToString().EndsWith("Builder", StringComparison.Ordinal) || type.IsVar)
                        && declaration.Variables.Any(v => v.Initializer?.Value.ToString().Contains("CreateBuilder") == true
                            || v.Initializer?.Value.ToString().Contains("ServiceCollection") == true))
                    {
                        return true;
                    }
                }
            }

            return false;
        });

    private static bool IsConfigurationType(ITypeSymbol type)
    {
        if (s_configurationTypes.Contains(type.ToDisplayString()))
        {
            return true;
        }

        foreach (INamedTypeSymbol contract in type.AllInterfaces)
        {
            if (s_configurationTypes.Contains(contract.ToDisplayString()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <c>this</c> was handed out (as a value, a lambda or a method group) before <paramref name="call"/>.</summary>
    private static bool ThisEscapedBefore(IOperation call)
    {
        foreach (IOperation operation in Windows.Root(call).Descendants())
        {
            if (operation.Syntax.SpanStart >= call.Syntax.SpanStart)
            {
                continue;
            }

            switch (operation)
            {
                case IAnonymousFunctionOperation or IMethodReferenceOperation { Method.IsStatic: false }:
                    return true;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } self
                    when self.Parent is not (IMemberReferenceOperation or IInvocationOperation) || (self.Parent is IInvocationOperation invocation && invocation.Instance != self):
                    return true;
            }
        }

        return false;
    }

    private static bool IsTracked(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary && method.Locations.Any(l => l.IsInSource);

    private sealed class CallSite
    {
        private readonly IOperation _invocation;
        private readonly IOperation? _instance;
        private readonly KnownSymbols _known;
        private bool _resolved;
        private HeldLock? _lock;
        private bool _inInitialization;

        public CallSite(IMethodSymbol? caller, IOperation invocation, IOperation? instance, KnownSymbols known)
        {
            Caller = caller;
            _invocation = invocation;
            _instance = instance;
            _known = known;
        }

        /// <summary>The calling method, or null when the call sits in a lambda or local function (which may run later).</summary>
        public IMethodSymbol? Caller { get; }

        public Location Location => _invocation.Syntax.GetLocation();

        /// <summary>True when the call is on <c>this</c> (explicit or implicit): the callee's state is the caller's.</summary>
        public bool OnThis => _instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

        /// <summary>A lock that excludes other writers, held at the call, or null.</summary>
        public HeldLock? Lock
        {
            get
            {
                Resolve();
                return _lock;
            }
        }

        /// <summary>True for a call on the instance's own constructor (or the static constructor) before <c>this</c> escapes.</summary>
        public bool InInitialization
        {
            get
            {
                Resolve();
                return _inInitialization;
            }
        }

        /// <summary>Called from the compilation-end action only, on one thread.</summary>
        private void Resolve()
        {
            if (_resolved)
            {
                return;
            }

            foreach (HeldLock candidate in Locks.HeldAt(_invocation, _known, crossFunctions: true))
            {
                if (candidate.AllowsMutation)
                {
                    _lock = candidate;
                    break;
                }
            }

            bool onThis = _instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
            _inInitialization = onThis && Caller is { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } && !ThisEscapedBefore(_invocation);
            _resolved = true;
        }
    }

    private sealed class MemoKeyComparer : IEqualityComparer<(IMethodSymbol Method, ITypeSymbol State, bool IsStatic, bool Top)>
    {
        public bool Equals((IMethodSymbol Method, ITypeSymbol State, bool IsStatic, bool Top) x, (IMethodSymbol Method, ITypeSymbol State, bool IsStatic, bool Top) y) =>
            SymbolEqualityComparer.Default.Equals(x.Method, y.Method)
            && SymbolEqualityComparer.Default.Equals(x.State, y.State)
            && x.IsStatic == y.IsStatic
            && x.Top == y.Top;

        public int GetHashCode((IMethodSymbol Method, ITypeSymbol State, bool IsStatic, bool Top) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31 + SymbolEqualityComparer.Default.GetHashCode(obj.State)) * 4
            + (obj.IsStatic ? 2 : 0) + (obj.Top ? 1 : 0);
    }
}
