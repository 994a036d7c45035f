using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Analysis;

/// <summary>A lock held at some point of the code: the expression that names it, and how it is held.</summary>
internal readonly struct HeldLock
{
    public HeldLock(IOperation expression, LockMode mode, bool conditional = false)
    {
        Expression = Mutations.UnwrapAll(expression);
        Mode = mode;
        Conditional = conditional;
        switch (Expression)
        {
            case IFieldReferenceOperation field:
                Symbol = field.Field;
                Receiver = ReceiverId.Of(field.Instance);
                break;
            case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                Symbol = property.Property;
                Receiver = ReceiverId.Of(property.Instance);
                break;
            case ILocalReferenceOperation local:
                Symbol = local.Local;
                Receiver = ReceiverId.Of(null);
                break;
            case IParameterReferenceOperation parameter:
                Symbol = parameter.Parameter;
                Receiver = ReceiverId.Of(null);
                break;
            default:
                Symbol = null;
                Receiver = default;
                break;
        }
    }

    /// <summary>The lock expression, conversions stripped.</summary>
    public IOperation Expression { get; }

    public LockMode Mode { get; }

    /// <summary>The field, property, local or parameter that holds the lock object, or null when it has no name.</summary>
    public ISymbol? Symbol { get; }

    /// <summary>The object <see cref="Symbol"/> is read from, for a field or property.</summary>
    public ReceiverId Receiver { get; }

    /// <summary>
    /// True when the lock is taken only under a condition the analysis cannot read: a lock wrapper whose body is
    /// <c>if (_threadSafe) Monitor.Enter(_sync);</c>. It protects the code it covers, but says only that the object is
    /// shared in some configurations, so it is no evidence that a field needs the lock everywhere.
    /// </summary>
    public bool Conditional { get; }

    /// <summary>
    /// True when the lock belongs to the instance whose fields the code touches through <c>this</c>, so that holding it
    /// shows the author treats that instance's state as shared: <c>lock (this)</c>, a field or property read through
    /// <c>this</c> (<c>lock (_sync)</c>, <c>lock (SyncRoot)</c>, <c>lock (_items)</c>), or a global lock (a static member,
    /// <c>typeof(T)</c>), taken unconditionally. A lock on a local, a parameter or another object's member guards that
    /// other object, not this one. Meaningful where the code and the lock expression share one <c>this</c>.
    /// </summary>
    public bool GuardsThisInstance =>
        !Conditional
        && (Expression is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } or ITypeOfOperation
            || (Symbol is IFieldSymbol or IPropertySymbol && (Symbol.IsStatic || Receiver.Kind == ReceiverKind.This)));

    /// <summary>True when the lock excludes every other holder: any lock but a reader-writer lock's read modes.</summary>
    public bool AllowsMutation => Mode is LockMode.Exclusive or LockMode.Write;

    /// <summary>True when this is the same lock as <paramref name="other"/>: same symbol, read through the same object.</summary>
    public bool SameLockAs(HeldLock other) =>
        Symbol is not null
        && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol)
        && (Symbol.IsStatic || Symbol is ILocalSymbol or IParameterSymbol || Receiver.Equals(other.Receiver));
}
