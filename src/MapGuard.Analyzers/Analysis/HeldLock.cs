using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Analysis;

/// <summary>A lock held at some point of the code: the expression that names it, and how it is held.</summary>
internal readonly struct HeldLock
{
    public HeldLock(IOperation expression, LockMode mode)
    {
        Expression = Mutations.UnwrapAll(expression);
        Mode = mode;
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

    /// <summary>True when the lock excludes every other holder: any lock but a reader-writer lock's read modes.</summary>
    public bool AllowsMutation => Mode is LockMode.Exclusive or LockMode.Write;

    /// <summary>True when this is the same lock as <paramref name="other"/>: same symbol, read through the same object.</summary>
    public bool SameLockAs(HeldLock other) =>
        Symbol is not null
        && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol)
        && (Symbol.IsStatic || Symbol is ILocalSymbol or IParameterSymbol || Receiver.Equals(other.Receiver));
}
