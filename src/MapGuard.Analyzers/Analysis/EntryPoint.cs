using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Analysis;

/// <summary>
/// A call that runs delegates on other threads: <c>Task.Run</c>, <c>Task.Factory.StartNew</c>, <c>new Thread</c>,
/// <c>ThreadPool.QueueUserWorkItem</c>, <c>Parallel.For</c>/<c>ForEach</c>/<c>ForEachAsync</c>/<c>Invoke</c>, PLINQ
/// (<c>ForAll</c> and the other <c>ParallelEnumerable</c> operators), <c>System.Threading.Timer</c> and
/// <c>System.Timers.Timer.Elapsed</c> callbacks, and <c>Task.WhenAll</c>/<c>WaitAll</c> over
/// <c>xs.Select(async ...)</c>. Lambdas and anonymous methods are <see cref="Delegates"/>; method groups naming a method
/// of this compilation are <see cref="Methods"/>, whose bodies are judged at the compilation's end like a lambda's
/// (they capture <c>this</c>, so only fields matter).
/// </summary>
internal sealed class EntryPoint
{
    private EntryPoint(IOperation operation, EntryKind kind, string name, bool synchronous, ImmutableArray<IAnonymousFunctionOperation> delegates)
        : this(operation, kind, name, synchronous, delegates, [])
    {
    }

    private EntryPoint(IOperation operation, EntryKind kind, string name, bool synchronous, ImmutableArray<IAnonymousFunctionOperation> delegates, ImmutableArray<IMethodSymbol> methods)
    {
        Methods = methods;
        Operation = operation;
        Kind = kind;
        Name = name;
        Synchronous = synchronous;
        Delegates = delegates;
    }

    /// <summary>The invocation, object creation or event subscription.</summary>
    public IOperation Operation { get; }

    public EntryKind Kind { get; }

    /// <summary>How messages name it: <c>Task.Run</c>, <c>Parallel.For</c>, ...</summary>
    public string Name { get; }

    /// <summary>True when the call returns only after its delegates finished (<c>Parallel.For</c>, PLINQ).</summary>
    public bool Synchronous { get; }

    public ImmutableArray<IAnonymousFunctionOperation> Delegates { get; }

    /// <summary>The source methods handed over as method groups (<c>new Thread(Loop)</c>, <c>Parallel.For(0, n, Body)</c>).</summary>
    public ImmutableArray<IMethodSymbol> Methods { get; }

    /// <summary>The entry point <paramref name="operation"/> is, or null.</summary>
    public static EntryPoint? Classify(IOperation operation, KnownSymbols known)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                return ClassifyInvocation(invocation, known);

            case IObjectCreationOperation creation when creation.Type is not null:
                if (KnownSymbols.Is(creation.Type, known.Thread))
                {
                    return Create(creation, EntryKind.OneShot, "new Thread", synchronous: false, creation.Arguments);
                }

                if (KnownSymbols.Is(creation.Type, known.ThreadingTimer))
                {
                    return IsOneShotTimer(creation, known)
                        ? Create(creation, EntryKind.OneShot, "a one-shot Timer callback", synchronous: false, creation.Arguments)
                        : Create(creation, EntryKind.Repeating, "a periodic Timer callback", synchronous: false, creation.Arguments);
                }

                return null;

            case IEventAssignmentOperation { Adds: true } subscription
                when subscription.EventReference is IEventReferenceOperation { Event.Name: "Elapsed" } reference
                    && KnownSymbols.Is(reference.Event.ContainingType, known.TimersTimer):
                ImmutableArray<IAnonymousFunctionOperation> handlers = LambdasIn(subscription.HandlerValue).ToImmutableArray();
                ImmutableArray<IMethodSymbol> methods = Mutations.UnwrapAll(subscription.HandlerValue) is IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: var handler } }
                    && handler.Locations.Any(l => l.IsInSource)
                        ? [handler.OriginalDefinition]
                        : [];
                return handlers.IsEmpty && methods.IsEmpty ? null : new EntryPoint(subscription, EntryKind.Repeating, "System.Timers.Timer.Elapsed", synchronous: false, handlers, methods);

            default:
                return null;
        }
    }

    /// <summary>The entry point that <paramref name="lambda"/> is handed to directly, or null.</summary>
    public static EntryPoint? Of(IAnonymousFunctionOperation lambda, KnownSymbols known)
    {
        for (IOperation? current = lambda.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IDelegateCreationOperation or IConversionOperation or IArgumentOperation or IArrayInitializerOperation or IArrayCreationOperation:
                    continue;
                case IInvocationOperation or IObjectCreationOperation or IEventAssignmentOperation:
                    EntryPoint? entry = Classify(current, known);
                    return entry is not null && entry.Delegates.Contains(lambda) ? entry : null;
                default:
                    return null;
            }
        }

        return null;
    }

    private static EntryPoint? ClassifyInvocation(IInvocationOperation invocation, KnownSymbols known)
    {
        IMethodSymbol method = invocation.TargetMethod;
        INamedTypeSymbol type = method.ContainingType;
        string name = method.Name;
        if (KnownSymbols.Is(type, known.Task))
        {
            if (name == "Run")
            {
                return Create(invocation, EntryKind.OneShot, "Task.Run", synchronous: false, invocation.Arguments);
            }

            if (name is "WhenAll" or "WaitAll")
            {
                ImmutableArray<IAnonymousFunctionOperation> bodies = AsyncSelectBodies(invocation, known);
                return bodies.IsEmpty ? null : new EntryPoint(invocation, EntryKind.AsyncRepeating, "Task." + name + " over an async Select", synchronous: false, bodies);
            }

            return null;
        }

        if ((KnownSymbols.Is(type, known.TaskFactory) || KnownSymbols.Is(type, known.TaskFactoryOfT)) && name == "StartNew")
        {
            return Create(invocation, EntryKind.OneShot, "Task.Factory.StartNew", synchronous: false, invocation.Arguments);
        }

        if (KnownSymbols.Is(type, known.ThreadPool) && name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem")
        {
            return Create(invocation, EntryKind.OneShot, "ThreadPool." + name, synchronous: false, invocation.Arguments);
        }

        if (KnownSymbols.Is(type, known.Parallel))
        {
            return name switch
            {
                "For" or "ForEach" => Create(invocation, EntryKind.Repeating, "Parallel." + name, synchronous: true, invocation.Arguments),
                "ForEachAsync" => Create(invocation, EntryKind.Repeating, "Parallel.ForEachAsync", synchronous: false, invocation.Arguments),
                "Invoke" => Create(invocation, EntryKind.Siblings, "Parallel.Invoke", synchronous: true, invocation.Arguments),
                _ => null,
            };
        }

        if (KnownSymbols.Is(type, known.ParallelEnumerable))
        {
            // PLINQ runs every delegate it is given on several threads; ForAll is the usual one.
            return Create(invocation, EntryKind.Repeating, "PLINQ " + name, synchronous: name == "ForAll", invocation.Arguments);
        }

        return null;
    }

    private static EntryPoint? Create(IOperation operation, EntryKind kind, string name, bool synchronous, ImmutableArray<IArgumentOperation> arguments)
    {
        ImmutableArray<IAnonymousFunctionOperation>.Builder lambdas = ImmutableArray.CreateBuilder<IAnonymousFunctionOperation>();
        ImmutableArray<IMethodSymbol>.Builder methods = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (IArgumentOperation argument in arguments)
        {
            lambdas.AddRange(LambdasIn(argument.Value));
            if (Mutations.UnwrapAll(argument.Value) is IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: var method } }
                && method.Locations.Any(l => l.IsInSource))
            {
                methods.Add(method.OriginalDefinition);
            }
        }

        return lambdas.Count == 0 && methods.Count == 0 ? null : new EntryPoint(operation, kind, name, synchronous, lambdas.ToImmutable(), methods.ToImmutable());
    }

    private static IEnumerable<IAnonymousFunctionOperation> LambdasIn(IOperation value)
    {
        value = Mutations.UnwrapAll(value);
        switch (value)
        {
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                yield return lambda;
                break;
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (IOperation element in initializer.ElementValues)
                {
                    foreach (IAnonymousFunctionOperation lambda in LambdasIn(element))
                    {
                        yield return lambda;
                    }
                }

                break;
        }
    }

    /// <summary>The async lambdas of <c>xs.Select(async x => ...)</c> passed to WhenAll/WaitAll, directly, through ToArray/ToList, or through a local.</summary>
    private static ImmutableArray<IAnonymousFunctionOperation> AsyncSelectBodies(IInvocationOperation invocation, KnownSymbols known)
    {
        ImmutableArray<IAnonymousFunctionOperation>.Builder bodies = ImmutableArray.CreateBuilder<IAnonymousFunctionOperation>();
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            IOperation value = Mutations.UnwrapAll(argument.Value);
            if (value is IArrayCreationOperation { IsImplicit: true, Initializer: { ElementValues.Length: 1 } single })
            {
                value = Mutations.UnwrapAll(single.ElementValues[0]);
            }

            for (int hops = 0; hops < 4; hops++)
            {
                switch (value)
                {
                    case IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" } materialize
                        when KnownSymbols.Is(materialize.TargetMethod.ContainingType, known.Enumerable) && materialize.Arguments.Length == 1:
                        value = Mutations.UnwrapAll(materialize.Arguments[0].Value);
                        continue;
                    case ILocalReferenceOperation local when SingleInitializer(local.Local, invocation) is { } initializer:
                        value = Mutations.UnwrapAll(initializer);
                        continue;
                    case IInvocationOperation { TargetMethod.Name: "Select" } select
                        when KnownSymbols.Is(select.TargetMethod.ContainingType, known.Enumerable):
                        foreach (IArgumentOperation selectArgument in select.Arguments)
                        {
                            foreach (IAnonymousFunctionOperation lambda in LambdasIn(selectArgument.Value))
                            {
                                if (lambda.Symbol.IsAsync)
                                {
                                    bodies.Add(lambda);
                                }
                            }
                        }

                        break;
                }

                break;
            }
        }

        return bodies.ToImmutable();
    }

    /// <summary>The initializer of a local declared once with a value in the same body as <paramref name="user"/>.</summary>
    private static IOperation? SingleInitializer(ILocalSymbol local, IOperation user)
    {
        IOperation root = user;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (IOperation operation in root.Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator
                && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                && declarator.Initializer is { } initializer)
            {
                return initializer.Value;
            }
        }

        return null;
    }

    private static bool IsOneShotTimer(IObjectCreationOperation creation, KnownSymbols known)
    {
        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.Parameter?.Name != "period")
            {
                continue;
            }

            IOperation value = Mutations.UnwrapAll(argument.Value);
            if (value.ConstantValue is { HasValue: true, Value: int or long or uint } constant)
            {
                return Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture) is -1 or uint.MaxValue;
            }

            return value is IFieldReferenceOperation { Field.Name: "InfiniteTimeSpan" } field && KnownSymbols.Is(field.Field.ContainingType, known.Timeout);
        }

        // Timer(callback) alone starts nothing until Change: treat it as one-shot.
        return true;
    }
}
