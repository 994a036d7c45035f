using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Analysis;

/// <summary>
/// Which object a member access goes through, as far as the analysis can tell without data flow: none (a static
/// member), <c>this</c>, a named local or parameter, or something it cannot name (a call, an array element).
/// </summary>
internal readonly struct ReceiverId : IEquatable<ReceiverId>
{
    private ReceiverId(ReceiverKind kind, ISymbol? symbol)
    {
        Kind = kind;
        Symbol = symbol;
    }

    public ReceiverKind Kind { get; }

    public ISymbol? Symbol { get; }

    public static ReceiverId Of(IOperation? instance)
    {
        if (instance is null)
        {
            return new ReceiverId(ReceiverKind.Static, null);
        }

        return Mutations.UnwrapAll(instance) switch
        {
            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => new ReceiverId(ReceiverKind.This, null),
            ILocalReferenceOperation local => new ReceiverId(ReceiverKind.Symbol, local.Local),
            IParameterReferenceOperation parameter => new ReceiverId(ReceiverKind.Symbol, parameter.Parameter),
            _ => new ReceiverId(ReceiverKind.Unknown, null),
        };
    }

    /// <summary>True when both name the same object; two unknown receivers are never the same.</summary>
    public bool Equals(ReceiverId other) =>
        Kind == other.Kind && Kind != ReceiverKind.Unknown && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol);

    public override bool Equals(object? obj) => obj is ReceiverId other && Equals(other);

    public override int GetHashCode() => ((int)Kind * 397) ^ SymbolEqualityComparer.Default.GetHashCode(Symbol);
}
