using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Analysis;

/// <summary>
/// Finds the locks held at a point of the code, from the structure around it: enclosing <c>lock</c> statements and
/// <c>using (x.EnterScope())</c> blocks, <c>using var s = x.EnterScope();</c> declarations earlier in an enclosing block,
/// and <c>Monitor.Enter</c>/<c>TryEnter</c>, <c>Lock.Enter</c>, <c>ReaderWriterLockSlim.Enter*Lock</c>, <c>SemaphoreSlim.Wait</c>/<c>WaitAsync</c>
/// (initial count 1), <c>Mutex.WaitOne</c> and <c>SpinLock.Enter</c> calls earlier in an enclosing block
/// that no matching exit has released since. Earlier calls nested in earlier statements count too (the usual
/// <c>try { Monitor.Enter(x, ref taken); ... } finally { Monitor.Exit(x); }</c>), in source order. A call of a lock
/// wrapper of the same type (<c>Lock()</c> whose body is only <c>Monitor.Enter(_sync);</c>) counts as the call it
/// wraps; when the wrapper takes the lock only under a condition (<c>if (_threadSafe) Monitor.Enter(_sync);</c>) the
/// lock is <see cref="HeldLock.Conditional"/>: it protects, but it is no evidence that the state is shared.
/// </summary>
/// <remarks>
/// This is a structural approximation, not a data-flow analysis: an <c>Enter</c> inside an <c>if</c> counts as taken,
/// and a lock taken by a caller is invisible (mark such helpers <c>[GuardedBy]</c> instead). It errs towards "held",
/// which is the precise direction for the heuristic rules.
/// </remarks>
internal static class Locks
{
    /// <summary>
    /// The locks held at <paramref name="operation"/>. With <paramref name="crossFunctions"/> false the walk stops at the
    /// nearest enclosing lambda or local function, because such code may run later, after the lock is released;
    /// with it true, locks around the function count too (the heuristic rules use that, for precision), up to
    /// <paramref name="stopAt"/> when it is given: a lock around the call that starts a concurrent delegate does not
    /// protect the delegate's body.
    /// </summary>
    public static List<HeldLock> HeldAt(IOperation operation, KnownSymbols known, bool crossFunctions, IOperation? stopAt = null)
    {
        var held = new List<HeldLock>();
        var events = new List<LockEvent>();
        IOperation current = operation;
        for (IOperation? parent = current.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ILockOperation lockStatement when lockStatement.Body == current:
                    held.Add(new HeldLock(lockStatement.LockedValue, LockMode.Exclusive));
                    break;
                case IUsingOperation usingStatement when usingStatement.Body == current:
                    foreach (IInvocationOperation scope in EnterScopes(usingStatement.Resources, known))
                    {
                        held.Add(new HeldLock(scope.Instance!, LockMode.Exclusive));
                    }

                    break;
                case IBlockOperation block:
                    CollectEvents(block, current, known, events);
                    break;
                case IConditionalOperation conditional when conditional.WhenTrue == current:
                    // if (Monitor.TryEnter(x)) { ... }: the lock is taken in the condition.
                    Walk(conditional.Condition, known, events);
                    break;
                case IAnonymousFunctionOperation or ILocalFunctionOperation when !crossFunctions || parent == stopAt:
                    return Resolve(held, events);
            }
        }

        return Resolve(held, events);
    }

    /// <summary>True when any lock that excludes other writers is held at <paramref name="operation"/>.</summary>
    public static bool AnyMutationLockHeld(IOperation operation, KnownSymbols known, bool crossFunctions, IOperation? stopAt = null)
    {
        foreach (HeldLock held in HeldAt(operation, known, crossFunctions, stopAt))
        {
            if (held.AllowsMutation)
            {
                return true;
            }
        }

        return false;
    }

    private static List<HeldLock> Resolve(List<HeldLock> held, List<LockEvent> events)
    {
        events.Sort((a, b) => a.Position.CompareTo(b.Position));
        var taken = new List<HeldLock>();
        foreach (LockEvent e in events)
        {
            if (e.Enter)
            {
                taken.Add(e.Lock);
                continue;
            }

            // An exit releases the latest matching enter: the same lock if it can be named, else the same mode.
            int index = taken.FindLastIndex(t => t.Mode == e.Lock.Mode && (t.SameLockAs(e.Lock) || t.Symbol is null || e.Lock.Symbol is null));
            if (index >= 0)
            {
                taken.RemoveAt(index);
            }
        }

        held.AddRange(taken);
        return held;
    }

    private static void CollectEvents(IBlockOperation block, IOperation statement, KnownSymbols known, List<LockEvent> events)
    {
        foreach (IOperation previous in block.Operations)
        {
            if (previous == statement)
            {
                return;
            }

            if (previous is IUsingDeclarationOperation usingDeclaration)
            {
                foreach (IInvocationOperation scope in EnterScopes(usingDeclaration.DeclarationGroup, known))
                {
                    events.Add(new LockEvent(scope.Syntax.SpanStart, enter: true, new HeldLock(scope.Instance!, LockMode.Exclusive)));
                }

                continue;
            }

            Walk(previous, known, events);
        }
    }

    private static void Walk(IOperation operation, KnownSymbols known, List<LockEvent> events)
    {
        if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
        {
            return;
        }

        if (operation is IInvocationOperation invocation && Classify(invocation, known) is { } e)
        {
            events.Add(e);
        }

        foreach (IOperation child in operation.ChildOperations)
        {
            Walk(child, known, events);
        }
    }

    private static LockEvent? Classify(IInvocationOperation invocation, KnownSymbols known) =>
        ClassifyDirect(invocation, known) ?? ClassifyWrapper(invocation, known);

    /// <summary>
    /// A call of a lock wrapper of this type: a parameterless void method (<c>Lock()</c>, <c>Unlock()</c>) declared in
    /// the same file and called on <c>this</c> or statically, whose body only enters, or only exits, one lock. The call
    /// counts as that Enter or Exit, as if the body were written in its place; a lock call under an <c>if</c>, a loop,
    /// a <c>switch</c> or a <c>?.</c> in the wrapper makes the lock <see cref="HeldLock.Conditional"/>.
    /// </summary>
    private static LockEvent? ClassifyWrapper(IInvocationOperation invocation, KnownSymbols known)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Parameters.Length != 0 || !method.ReturnsVoid || method.IsVirtual || method.IsAbstract || method.IsOverride
            || invocation.Instance is not (null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
            || invocation.SemanticModel is not { } model
            || method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].SyntaxTree != invocation.Syntax.SyntaxTree
            || method.DeclaringSyntaxReferences[0].GetSyntax().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>().Take(2).Count() != 1
            || model.GetOperation(method.DeclaringSyntaxReferences[0].GetSyntax()) is not IMethodBodyOperation body)
        {
            return null;
        }

        LockEvent? found = null;
        IInvocationOperation? lockCall = null;
        foreach (IOperation operation in body.Descendants())
        {
            if (operation is IInvocationOperation call)
            {
                if (found is not null || ClassifyDirect(call, known) is not { } e)
                {
                    return null; // the method does more than take or release one lock
                }

                found = e;
                lockCall = call;
            }
        }

        if (found is not { } wrapped || lockCall is null)
        {
            return null;
        }

        bool conditional = false;
        for (IOperation? parent = lockCall.Parent; parent is not null && parent != body; parent = parent.Parent)
        {
            conditional |= parent is IConditionalOperation or ISwitchOperation or ILoopOperation or IConditionalAccessOperation or ICoalesceOperation;
        }

        HeldLock held = wrapped.Lock;
        return new LockEvent(invocation.Syntax.SpanStart, wrapped.Enter, new HeldLock(held.Expression, held.Mode, conditional));
    }

    private static LockEvent? ClassifyDirect(IInvocationOperation invocation, KnownSymbols known)
    {
        IMethodSymbol method = invocation.TargetMethod;
        int position = invocation.Syntax.SpanStart;
        if (KnownSymbols.Is(method.ContainingType, known.Monitor))
        {
            if (invocation.Arguments.Length == 0 || method.Name is not ("Enter" or "TryEnter" or "Exit"))
            {
                return null;
            }

            return new LockEvent(position, method.Name != "Exit", new HeldLock(invocation.Arguments[0].Value, LockMode.Exclusive));
        }

        if (invocation.Instance is null)
        {
            return null;
        }

        if (KnownSymbols.Is(method.ContainingType, known.SemaphoreSlim))
        {
            return method.Name switch
            {
                "Wait" or "WaitAsync" when IsBinary(invocation.Instance) => new LockEvent(position, enter: true, new HeldLock(invocation.Instance, LockMode.Exclusive)),
                "Release" when IsBinary(invocation.Instance) => new LockEvent(position, enter: false, new HeldLock(invocation.Instance, LockMode.Exclusive)),
                _ => null,
            };
        }

        if (KnownSymbols.Is(invocation.Instance.Type, known.Mutex))
        {
            return method.Name switch
            {
                "WaitOne" => new LockEvent(position, enter: true, new HeldLock(invocation.Instance, LockMode.Exclusive)),
                "ReleaseMutex" => new LockEvent(position, enter: false, new HeldLock(invocation.Instance, LockMode.Exclusive)),
                _ => null,
            };
        }

        if (KnownSymbols.Is(method.ContainingType, known.SpinLock))
        {
            return method.Name switch
            {
                "Enter" or "TryEnter" => new LockEvent(position, enter: true, new HeldLock(invocation.Instance, LockMode.Exclusive)),
                "Exit" => new LockEvent(position, enter: false, new HeldLock(invocation.Instance, LockMode.Exclusive)),
                _ => null,
            };
        }

        if (KnownSymbols.Is(method.ContainingType, known.Lock))
        {
            return method.Name switch
            {
                "Enter" or "TryEnter" => new LockEvent(position, enter: true, new HeldLock(invocation.Instance, LockMode.Exclusive)),
                "Exit" => new LockEvent(position, enter: false, new HeldLock(invocation.Instance, LockMode.Exclusive)),
                _ => null,
            };
        }

        if (KnownSymbols.Is(method.ContainingType, known.ReaderWriterLockSlim))
        {
            return method.Name switch
            {
                "EnterWriteLock" => new LockEvent(position, enter: true, new HeldLock(invocation.Instance, LockMode.Write)),
                "ExitWriteLock" => new LockEvent(position, enter: false, new HeldLock(invocation.Instance, LockMode.Write)),
                "EnterReadLock" => new LockEvent(position, enter: true, new HeldLock(invocation.Instance, LockMode.Read)),
                "ExitReadLock" => new LockEvent(position, enter: false, new HeldLock(invocation.Instance, LockMode.Read)),
                "TryEnterWriteLock" => new LockEvent(position, enter: true, new HeldLock(invocation.Instance, LockMode.Write)),
                "TryEnterReadLock" => new LockEvent(position, enter: true, new HeldLock(invocation.Instance, LockMode.Read)),
                "EnterUpgradeableReadLock" => new LockEvent(position, enter: true, new HeldLock(invocation.Instance, LockMode.Upgradeable)),
                "ExitUpgradeableReadLock" => new LockEvent(position, enter: false, new HeldLock(invocation.Instance, LockMode.Upgradeable)),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>
    /// False when the semaphore is created in source with an initial count other than 1 (<c>new SemaphoreSlim(4)</c>):
    /// several holders at once are not mutual exclusion. A semaphore whose creation cannot be seen counts as a lock.
    /// </summary>
    private static bool IsBinary(IOperation semaphore)
    {
        ISymbol? symbol = Mutations.UnwrapAll(semaphore) switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };
        if (symbol is null)
        {
            return true;
        }

        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            SyntaxNode declaration = reference.GetSyntax();
            foreach (SyntaxNode node in declaration.DescendantNodes())
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments })
                {
                    return arguments[0].Expression is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax { Token.ValueText: "1" };
                }
            }
        }

        return true;
    }

    private static IEnumerable<IInvocationOperation> EnterScopes(IOperation resources, KnownSymbols known)
    {
        var stack = new Stack<IOperation>();
        stack.Push(resources);
        while (stack.Count > 0)
        {
            IOperation operation = stack.Pop();
            if (operation is IInvocationOperation { Instance: not null } invocation
                && invocation.TargetMethod.Name == "EnterScope"
                && KnownSymbols.Is(invocation.TargetMethod.ContainingType, known.Lock))
            {
                yield return invocation;
                continue;
            }

            foreach (IOperation child in operation.ChildOperations)
            {
                stack.Push(child);
            }
        }
    }

    private readonly struct LockEvent
    {
        public LockEvent(int position, bool enter, HeldLock @lock)
        {
            Position = position;
            Enter = enter;
            Lock = @lock;
        }

        public int Position { get; }

        public bool Enter { get; }

        public HeldLock Lock { get; }
    }
}
