using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MapGuard.Analyzers.Analysis;

/// <summary>Finds the identifiers under a syntax node that bind to a symbol.</summary>
internal static class References
{
    public static IEnumerable<SyntaxNode> To(ISymbol symbol, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (SyntaxToken token in root.DescendantTokens())
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != symbol.Name || token.Parent is not IdentifierNameSyntax name)
            {
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol))
            {
                yield return name;
            }
        }
    }
}
