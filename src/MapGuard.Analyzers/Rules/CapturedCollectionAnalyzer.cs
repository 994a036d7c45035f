using System.Collections.Concurrent;
using System.Collections.Immutable;
using MapGuard.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Rules;

/// <summary>
/// MG1001: a non-thread-safe collection captured by a delegate handed to a concurrent entry point is mutated inside it,
/// outside a lock, while something else can touch it at the same time.
/// </summary>
/// <remarks>
/// <para>When is it a race? A delegate that runs many times at once (<c>Parallel.For</c>, PLINQ, a periodic timer) races
/// with itself. A <c>Parallel.Invoke</c> action races with the other actions that use the collection. An async lambda
/// run by <c>Task.WhenAll(xs.Select(async ...))</c> races with its other instances once it mutates after an await.
/// A one-shot delegate (<c>Task.Run</c>, <c>new Thread</c>) races when the starting method touches the collection
/// before it has waited for the delegate, when it is started in a loop without a wait in the same iteration, or when
/// another started delegate that uses the collection is still running. A single delegate whose task is awaited before
/// the method touches the collection again is a sequential hand-off and is not reported.</para>
/// <para>Never reported: reads, collections declared inside the delegate, mutations inside a lock taken in the
/// delegate, thread-safe collections. Captured locals and parameters are followed; an instance field read through
/// <c>this</c> is followed for delegates that race with themselves.</para>
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CapturedCollectionAnalyzer : DiagnosticAnalyzer
{
    /*
     * Concurrency: actions run in parallel (EnableConcurrentExecution). Shared state is per compilation: the set of
     *   mutations already reported (a ConcurrentDictionary), so a mutation reached from nested entry points is reported once.
     * Progress: one pass over each entry point's lambdas, plus one scan of the enclosing member's identifiers for
     *   one-shot delegates (the hand-off check).
     * References: the hazard is the one `mapguard lab captured-closure` reproduces (docs/design/lab.md); the
     *   sequential hand-off exemption follows the
     *   "happens-before through Task completion" reasoning of the .NET memory model (await/Wait/Join publish).
     */

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.CapturedCollectionMutated];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze); // facts from generated code (its calls, locks, mutations) count; reports there are dropped
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Create(start.Compilation);

            // A mutation inside nested entry points is reached from each of them; report it once.
            var reported = new ConcurrentDictionary<SyntaxNode, bool>();
            var graph = CallGraph.Register(start, known);
            var uses = new ConcurrentBag<FieldUse>();
            var started = new ConcurrentBag<Started>();
            start.RegisterOperationAction(
                c => Analyze(c, known, reported, started),
                OperationKind.Invocation,
                OperationKind.ObjectCreation,
                OperationKind.EventAssignment);
            start.RegisterOperationAction(c => CollectUse(c, known, uses), OperationKind.FieldReference, OperationKind.PropertyReference);
            start.RegisterCompilationEndAction(end => ReportStarted(end, graph, uses, started, reported));
        });
    }

    /// <summary>Every reference, through <c>this</c>, to an instance collection field of the code's own type.</summary>
    private static void CollectUse(OperationAnalysisContext context, KnownSymbols known, ConcurrentBag<FieldUse> uses)
    {
        if (SharedMember.Of(context.Operation) is not { } shared
            || shared.Member.IsStatic
            || !shared.ThroughThis
            || context.ContainingSymbol is not IMethodSymbol method
            || !known.IsUnsafeCollection(shared.Type)
            || shared.IsInitialization(context.Operation, context.ContainingSymbol)
            || known.HasGuardedBy(shared.Member))
        {
            return;
        }

        IOperation? mutation = Mutations.MutationOf(context.Operation, known);
        bool locked = mutation is not null && Locks.AnyMutationLockHeld(mutation, known, crossFunctions: true);
        uses.Add(new FieldUse(shared.Member, shared.Type, method, SharedMember.InNestedFunction(context.Operation), mutation?.Syntax ?? context.Operation.Syntax, mutation is not null && !locked));
    }

    /// <summary>
    /// Delegates that start once (a thread, <c>Task.Run</c>, a work item) and method groups of every kind, judged once
    /// every field use of the compilation is known. A method run by a repeating entry point races with itself where it
    /// mutates a field; a one-shot delegate or method that uses a field races with the type's other unlocked mutations
    /// of it, except those before the start in the starting method and those only the started code reaches.
    /// </summary>
    private static void ReportStarted(CompilationAnalysisContext context, CallGraph graph, ConcurrentBag<FieldUse> uses, ConcurrentBag<Started> started, ConcurrentDictionary<SyntaxNode, bool> reported)
    {
        ILookup<ISymbol, FieldUse> byMember = uses.ToLookup(u => u.Member, SymbolEqualityComparer.Default);
        ILookup<IMethodSymbol, FieldUse> byMethod = uses.Where(u => !u.Nested).ToLookup<FieldUse, IMethodSymbol>(u => u.Method.OriginalDefinition, SymbolEqualityComparer.Default);
        foreach (Started start in started)
        {
            var roots = new HashSet<IMethodSymbol>(start.Methods, SymbolEqualityComparer.Default);
            var inside = new List<FieldUse>();
            foreach (IMethodSymbol method in start.Methods)
            {
                inside.AddRange(byMethod[method]);
            }

            inside.AddRange(uses.Where(u => start.Lambdas.Any(l => l.SyntaxTree == u.Syntax.SyntaxTree && l.Span.Contains(u.Syntax.Span))));
            if (start.Kind == EntryKind.Repeating)
            {
                foreach (FieldUse use in inside.Where(u => u.UnlockedMutation && !u.Nested && roots.Contains(u.Method.OriginalDefinition)))
                {
                    Report(use, $"{start.Name} runs '{use.Method.Name}' on several threads at once");
                }

                continue;
            }

            // A started loop that itself mutates the type's collections without a lock owns them: the state is
            // confined to that thread (an event loop whose other methods run on it, like NetMQ's Poller).
            if (start.Kind != EntryKind.OneShot || inside.Any(u => u.UnlockedMutation))
            {
                continue;
            }

            foreach (IGrouping<ISymbol, FieldUse> member in inside.GroupBy(u => u.Member, SymbolEqualityComparer.Default))
            {
                foreach (FieldUse other in byMember[member.Key])
                {
                    if (!other.UnlockedMutation
                        || inside.Contains(other)
                        || (!other.Nested && (graph.OnlyReachedFrom(other.Method, roots) || graph.IsSetUp(other.Method)
                            || graph.CoverageOf(other.Method, other.Member.ContainingType, isStatic: false).Kind is not CoverageKind.None))
                        || (SymbolEqualityComparer.Default.Equals(other.Method.OriginalDefinition, start.Starter) && other.Syntax.SpanStart < start.Position))
                    {
                        continue;
                    }

                    Report(other, $"{start.Name} in '{start.Starter.Name}' runs code that uses it beside this mutation");
                }
            }
        }

        void Report(FieldUse use, string why)
        {
            if (!reported.TryAdd(use.Syntax, true))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CapturedCollectionMutated,
                use.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Collection, use.Member.Name),
                use.Member.Name,
                KnownSymbols.Describe(use.Type),
                why));
        }
    }

    private static void Analyze(OperationAnalysisContext context, KnownSymbols known, ConcurrentDictionary<SyntaxNode, bool> reported, ConcurrentBag<Started> started)
    {
        if (EntryPoint.Classify(context.Operation, known) is not { } entry)
        {
            return;
        }

        if (context.ContainingSymbol is IMethodSymbol starter && (!entry.Methods.IsEmpty || entry.Kind == EntryKind.OneShot))
        {
            started.Add(new Started(entry.Kind, entry.Name, entry.Methods, [.. entry.Delegates.Select(d => d.Syntax)], starter.OriginalDefinition, entry.Operation.Syntax.SpanStart));
        }

        SemanticModel model = context.Operation.SemanticModel!;
        foreach (IAnonymousFunctionOperation lambda in entry.Delegates)
        {
            foreach (IGrouping<ISymbol, Candidate> group in Candidates(lambda, entry, known).GroupBy(c => c.Symbol, SymbolEqualityComparer.Default))
            {
                if (Race(entry, lambda, group.Key, group, known, model, context.CancellationToken) is not { } why)
                {
                    continue;
                }

                foreach (Candidate candidate in group)
                {
                    if (candidate.Locked || !reported.TryAdd(candidate.Mutation.Syntax, true))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.CapturedCollectionMutated,
                        candidate.Mutation.Syntax.GetLocation(),
                        ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Collection, group.Key.Name),
                        group.Key.Name,
                        KnownSymbols.Describe(candidate.Type),
                        why));
                }
            }
        }
    }

    /// <summary>Every mutation, inside <paramref name="lambda"/>, of a collection captured from outside it.</summary>
    private static IEnumerable<Candidate> Candidates(IAnonymousFunctionOperation lambda, EntryPoint entry, KnownSymbols known)
    {
        foreach (IOperation operation in lambda.Body.Descendants())
        {
            ISymbol? symbol = operation switch
            {
                ILocalReferenceOperation local when DeclaredOutside(local.Local, lambda) => local.Local,
                IParameterReferenceOperation parameter when DeclaredOutside(parameter.Parameter, lambda) => parameter.Parameter,
                IFieldReferenceOperation { Field.IsStatic: false, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } field
                    when entry.Kind != EntryKind.OneShot => field.Field,
                _ => null,
            };

            if (symbol is null || operation.Type is null || !known.IsUnsafeCollection(operation.Type))
            {
                continue;
            }

            if (Mutations.MutationOf(operation, known) is { } mutation)
            {
                bool locked = Locks.AnyMutationLockHeld(mutation, known, crossFunctions: true, stopAt: lambda);
                yield return new Candidate(symbol, operation.Type, mutation, locked);
            }
        }
    }

    /// <summary>Why the mutations of <paramref name="symbol"/> in <paramref name="lambda"/> race, or null when they do not.</summary>
    private static string? Race(
        EntryPoint entry,
        IAnonymousFunctionOperation lambda,
        ISymbol symbol,
        IEnumerable<Candidate> candidates,
        KnownSymbols known,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        switch (entry.Kind)
        {
            case EntryKind.Repeating:
                return entry.Name + " runs the delegate on several threads at once";

            case EntryKind.Siblings:
                foreach (IAnonymousFunctionOperation sibling in entry.Delegates)
                {
                    if (sibling != lambda && References.To(symbol, sibling.Syntax, model, cancellationToken).Any())
                    {
                        return entry.Name + " runs the delegate beside another action that uses the collection";
                    }
                }

                return null;

            case EntryKind.AsyncRepeating:
                foreach (Candidate candidate in candidates)
                {
                    if (!candidate.Locked && AfterAwait(candidate.Mutation, lambda))
                    {
                        return entry.Name + " runs the lambda once per element, and the runs overlap after an await";
                    }
                }

                return null;

            default:
                return OneShotRace(entry, lambda, symbol, known, model, cancellationToken);
        }
    }

    private static string? OneShotRace(
        EntryPoint entry,
        IAnonymousFunctionOperation lambda,
        ISymbol symbol,
        KnownSymbols known,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        IOperation start = entry.Operation;
        int? waited = Windows.WaitPosition(entry, model, cancellationToken);
        int windowEnd = waited ?? int.MaxValue;

        for (IOperation? parent = start.Parent; parent is not null and not ILocalFunctionOperation; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation function)
            {
                if (Projection(function, known) is { } projection
                    && DeclaredOutside(symbol, function.Syntax)
                    && (waited is null || !function.Syntax.Span.Contains(windowEnd)))
                {
                    return entry.Name + " starts the delegate once per element of " + projection + " without waiting in between";
                }

                break;
            }

            if (parent is ILoopOperation loop && DeclaredOutside(symbol, loop.Syntax) && (waited is null || !loop.Syntax.Span.Contains(windowEnd)))
            {
                return entry.Name + " starts the delegate once per loop iteration without waiting in between";
            }
        }

        SyntaxNode root = Windows.Root(start).Syntax;
        foreach (SyntaxNode reference in References.To(symbol, root, model, cancellationToken))
        {
            if (lambda.Syntax.Span.Contains(reference.Span))
            {
                continue;
            }

            if (reference.SpanStart > start.Syntax.Span.End && reference.SpanStart < windowEnd)
            {
                return entry.Name + " runs the delegate while the starting code still uses the collection";
            }

            if (reference.SpanStart < start.Syntax.SpanStart && StillRunningAt(reference, start.Syntax.SpanStart, known, model, cancellationToken))
            {
                return entry.Name + " runs the delegate beside an earlier started one that uses the collection";
            }
        }

        return null;
    }

    /// <summary>
    /// The name of the LINQ operator or <c>ForEach</c> that invokes <paramref name="function"/> once per element
    /// (<c>Select</c>, <c>SelectMany</c>, <c>List.ForEach</c>, <c>Array.ForEach</c>, ...), or null.
    /// </summary>
    private static string? Projection(IAnonymousFunctionOperation function, KnownSymbols known)
    {
        IOperation? parent = function.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        if (parent is IArgumentOperation { Parent: IInvocationOperation invocation })
        {
            IMethodSymbol method = invocation.TargetMethod;
            if (KnownSymbols.Is(method.ContainingType, known.Enumerable) && method.Name is "Select" or "SelectMany" or "ToDictionary" or "ToLookup" or "GroupBy" or "Aggregate")
            {
                return method.Name;
            }

            if (method.Name == "ForEach" && (KnownSymbols.Is(method.ContainingType, known.List) || method.ContainingType.SpecialType == SpecialType.System_Array))
            {
                return method.ContainingType.Name + ".ForEach";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="reference"/> sits in a delegate started earlier that may still run at <paramref name="position"/>.</summary>
    private static bool StillRunningAt(SyntaxNode reference, int position, KnownSymbols known, SemanticModel model, CancellationToken cancellationToken)
    {
        for (SyntaxNode? node = reference.Parent; node is not null; node = node.Parent)
        {
            if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax
                || model.GetOperation(node, cancellationToken) is not IAnonymousFunctionOperation other
                || EntryPoint.Of(other, known) is not { } entry)
            {
                continue;
            }

            int? waited = Windows.WaitPosition(entry, model, cancellationToken);
            if (waited is null || waited > position)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when an await precedes <paramref name="mutation"/> in the lambda, or shares a loop with it.</summary>
    private static bool AfterAwait(IOperation mutation, IAnonymousFunctionOperation lambda)
    {
        foreach (IOperation operation in lambda.Body.Descendants())
        {
            bool isAwait = operation is IAwaitOperation
                || operation is IForEachLoopOperation { IsAsynchronous: true }
                || operation is IUsingOperation { IsAsynchronous: true };
            if (!isAwait || InNestedFunction(operation, lambda))
            {
                continue;
            }

            if (operation.Syntax.SpanStart < mutation.Syntax.SpanStart)
            {
                return true;
            }

            for (IOperation? parent = mutation.Parent; parent is not null && parent != lambda; parent = parent.Parent)
            {
                if (parent is ILoopOperation loop && loop.Syntax.Span.Contains(operation.Syntax.Span))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool InNestedFunction(IOperation operation, IAnonymousFunctionOperation lambda)
    {
        for (IOperation? parent = operation.Parent; parent is not null && parent != lambda; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool DeclaredOutside(ISymbol symbol, IAnonymousFunctionOperation lambda) => DeclaredOutside(symbol, lambda.Syntax);

    private static bool DeclaredOutside(ISymbol symbol, SyntaxNode node)
    {
        foreach (SyntaxReference declaration in symbol.DeclaringSyntaxReferences)
        {
            if (declaration.SyntaxTree == node.SyntaxTree && node.Span.Contains(declaration.Span))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class FieldUse
    {
        public FieldUse(ISymbol member, ITypeSymbol type, IMethodSymbol method, bool nested, SyntaxNode syntax, bool unlockedMutation)
        {
            Member = member;
            Type = type;
            Method = method;
            Nested = nested;
            Syntax = syntax;
            UnlockedMutation = unlockedMutation;
        }

        public ISymbol Member { get; }

        public ITypeSymbol Type { get; }

        public IMethodSymbol Method { get; }

        public bool Nested { get; }

        /// <summary>The mutation when the use is one, else the reference.</summary>
        public SyntaxNode Syntax { get; }

        public bool UnlockedMutation { get; }
    }

    private sealed class Started
    {
        public Started(EntryKind kind, string name, ImmutableArray<IMethodSymbol> methods, ImmutableArray<SyntaxNode> lambdas, IMethodSymbol starter, int position)
        {
            Kind = kind;
            Name = name;
            Methods = methods;
            Lambdas = lambdas;
            Starter = starter;
            Position = position;
        }

        public EntryKind Kind { get; }

        public string Name { get; }

        public ImmutableArray<IMethodSymbol> Methods { get; }

        public ImmutableArray<SyntaxNode> Lambdas { get; }

        public IMethodSymbol Starter { get; }

        public int Position { get; }
    }

    private readonly struct Candidate
    {
        public Candidate(ISymbol symbol, ITypeSymbol type, IOperation mutation, bool locked)
        {
            Symbol = symbol;
            Type = type;
            Mutation = mutation;
            Locked = locked;
        }

        public ISymbol Symbol { get; }

        public ITypeSymbol Type { get; }

        public IOperation Mutation { get; }

        public bool Locked { get; }
    }
}
