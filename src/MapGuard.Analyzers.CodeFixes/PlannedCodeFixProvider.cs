using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MapGuard.Analyzers.CodeFixes;

/// <summary>
/// The shape every MapGuard code fix shares: a plan per diagnostic (null where the fix does not apply), one code action
/// per diagnostic that has a plan, and one rewrite that applies a document's plans together, which fix-all uses too.
/// </summary>
/// <typeparam name="TPlan">What the fix will change for one diagnostic.</typeparam>
internal abstract class PlannedCodeFixProvider<TPlan> : CodeFixProvider
    where TPlan : class
{
    private readonly string _equivalenceKey;

    /// <summary>Creates the provider.</summary>
    /// <param name="equivalenceKey">The code action's equivalence key, which fix-all groups by.</param>
    protected PlannedCodeFixProvider(string equivalenceKey) => _equivalenceKey = equivalenceKey;

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic, context.CancellationToken) is { } plan)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title(plan), ct => FixAsync(context.Document, [diagnostic], ct), _equivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>What the fix would change for <paramref name="diagnostic"/>, or null when it is not offered there.</summary>
    protected abstract TPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>The code action's title for <paramref name="plan"/>.</summary>
    protected abstract string Title(TPlan plan);

    /// <summary>Applies <paramref name="plans"/> (at least one, in diagnostic order, possibly overlapping) to the document.</summary>
    protected abstract Document Apply(Document document, SyntaxNode root, SemanticModel model, List<TPlan> plans);

    private async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var plans = new List<TPlan>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (Plan(root, model, diagnostic, cancellationToken) is { } plan)
            {
                plans.Add(plan);
            }
        }

        return plans.Count == 0 ? document : Apply(document, root, model, plans);
    }
}
