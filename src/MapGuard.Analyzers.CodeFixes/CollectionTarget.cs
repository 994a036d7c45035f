using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.CodeFixes;

/// <summary>Finds the collection a diagnostic's mutation works on: the receiver of the call or indexer.</summary>
internal static class CollectionTarget
{
    /// <summary>The local, field, property or parameter whose collection the mutation at <paramref name="node"/> changes.</summary>
    public static ISymbol? Of(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        IOperation? operation = model.GetOperation(node, cancellationToken);
        IOperation? receiver = operation switch
        {
            IInvocationOperation invocation => invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null),
            IAssignmentOperation { Target: IPropertyReferenceOperation property } => property.Instance,
            IIncrementOrDecrementOperation { Target: IPropertyReferenceOperation property } => property.Instance,
            _ => null,
        };

        while (receiver is IConversionOperation conversion)
        {
            receiver = conversion.Operand;
        }

        return receiver switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
    }
}
