using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Analysis;

/// <summary>
/// When a started delegate stops running, as far as the code that started it can tell: the source position from which
/// the starting code has waited for it (<c>await t</c>, <c>t.Wait()</c>, <c>t.Result</c>, <c>thread.Join()</c>,
/// <c>Task.WaitAll/WhenAll(..., t, ...)</c>, or a <c>foreach</c> that awaits each task of a list), or null when it
/// never waits. Between the start and that position, the delegate runs beside the starting code.
/// </summary>
internal static class Windows
{
    /// <summary>The position where the starter has waited for <paramref name="entry"/>, or null if it never does.</summary>
    public static int? WaitPosition(EntryPoint entry, SemanticModel model, CancellationToken cancellationToken)
    {
        IOperation start = entry.Operation;
        if (entry.Synchronous)
        {
            return start.Syntax.Span.End;
        }

        IOperation self = start;
        IOperation? parent = start.Parent;
        while (true)
        {
            while (parent is IConversionOperation)
            {
                self = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IAwaitOperation:
                    return start.Syntax.Span.End;
                case IInvocationOperation invocation when invocation.Instance == self:
                    switch (invocation.TargetMethod.Name)
                    {
                        case "Wait" or "GetResult" or "Join":
                            return start.Syntax.Span.End;
                        case "ConfigureAwait" or "GetAwaiter":
                            self = invocation;
                            parent = invocation.Parent;
                            continue;
                        default:
                            return null;
                    }

                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == self:
                    return start.Syntax.Span.End;
                case IArgumentOperation or IArrayInitializerOperation or IArrayCreationOperation:
                    IOperation? waiter = parent;
                    while (waiter is IArgumentOperation or IArrayInitializerOperation or IArrayCreationOperation or IConversionOperation)
                    {
                        waiter = waiter.Parent;
                    }

                    if (waiter is IInvocationOperation { TargetMethod.Name: "WhenAll" or "WaitAll" } all)
                    {
                        return all.Syntax.Span.End;
                    }

                    if (waiter is IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list })
                    {
                        return HandleWait(list.Local, start, model, cancellationToken);
                    }

                    return null;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return HandleWait(declarator.Symbol, start, model, cancellationToken);
                case ISimpleAssignmentOperation assignment when assignment.Value == self:
                    return Mutations.UnwrapAll(assignment.Target) switch
                    {
                        ILocalReferenceOperation local => HandleWait(local.Local, start, model, cancellationToken),
                        IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array } => HandleWait(array.Local, start, model, cancellationToken),
                        _ => null,
                    };
                default:
                    return null;
            }
        }
    }

    private static int? HandleWait(ILocalSymbol handle, IOperation start, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode root = Root(start).Syntax;
        foreach (SyntaxNode node in References.To(handle, root, model, cancellationToken))
        {
            if (node.SpanStart <= start.Syntax.Span.End || model.GetOperation(node, cancellationToken) is not { } use)
            {
                continue;
            }

            if (WaitsAt(use) is { } position)
            {
                return position;
            }
        }

        return null;
    }

    /// <summary>Where the statement using a task handle has waited for it, or null when the use is not a wait.</summary>
    private static int? WaitsAt(IOperation use)
    {
        IOperation self = use;
        for (IOperation? parent = use.Parent; parent is not null and not IBlockOperation and not IAnonymousFunctionOperation; self = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IForEachLoopOperation loop when loop.Collection == self || Mutations.UnwrapAll(loop.Collection) == use:
                    foreach (IOperation inner in loop.Body.Descendants())
                    {
                        if (inner is IAwaitOperation or IInvocationOperation { TargetMethod.Name: "Wait" or "Join" or "GetResult" })
                        {
                            return loop.Syntax.Span.End;
                        }
                    }

                    return null;
                case IInvocationOperation { TargetMethod.Name: "WhenAny" or "WaitAny" }:
                    return null;
                case IAwaitOperation:
                case IInvocationOperation { TargetMethod.Name: "Wait" or "WaitAll" or "Join" or "GetResult" }:
                case IPropertyReferenceOperation { Property.Name: "Result" }:
                    return parent.Syntax.Span.End;
            }
        }

        return null;
    }

    /// <summary>The outermost operation: the body of the member.</summary>
    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }
}
