using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace MapGuard.Analyzers.CodeFixes;

/// <summary>
/// Fixes MG1001-MG1004 by wrapping the mutating statement in <c>lock</c>. The lock is, in order: the field the other
/// mutations already hold (MG1004); an existing readonly <c>Lock</c> or <c>object</c> field of the type (static when the
/// code or the collection is static; an <c>object</c> field only when its name says lock, gate, sync or mutex); or a new
/// <c>private readonly Lock _lock = new();</c> field (<c>s_lock</c> when static; <c>object</c> where
/// <c>System.Threading.Lock</c> does not exist). An expression-bodied lambda or method becomes a
/// block. Not offered where a lock cannot go: a statement that declares a local used later, or one that awaits.
/// Fix-all adds at most one new lock per type (and per static-ness), the same field the one-by-one fixes converge on,
/// and wraps a statement once however many mutations it holds.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WrapInLockCodeFixProvider))]
[Shared]
internal sealed class WrapInLockCodeFixProvider : PlannedCodeFixProvider<WrapInLockCodeFixProvider.LockPlan>
{
    /// <summary>The code action's equivalence key.</summary>
    public const string EquivalenceKey = "MapGuard.WrapInLock";

    /// <summary>Creates the provider.</summary>
    public WrapInLockCodeFixProvider()
        : base(EquivalenceKey)
    {
    }

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
    [
        DiagnosticIds.CapturedCollectionMutated,
        DiagnosticIds.StaticCollectionMutated,
        DiagnosticIds.SingletonCollectionMutated,
        DiagnosticIds.InconsistentLocking,
        DiagnosticIds.UnlockedRead,
    ];

    /// <inheritdoc/>
    protected override string Title(LockPlan plan) => $"Wrap in lock ({plan.LockName})";

    /// <inheritdoc/>
    protected override Document Apply(Document document, SyntaxNode root, SemanticModel model, List<LockPlan> planned)
    {
        var plans = new List<LockPlan>();
        foreach (LockPlan plan in planned)
        {
            if (!plans.Exists(p => p.Target == plan.Target))
            {
                plans.Add(plan);
            }
        }

        // A target inside another target is covered by the outer lock.
        plans.RemoveAll(inner => plans.Exists(outer => outer.Target != inner.Target && outer.Target.Span.Contains(inner.Target.Span)));
        if (plans.Count == 0)
        {
            return document;
        }

        var newFields = new Dictionary<TypeDeclarationSyntax, List<LockPlan>>();
        var typeMarks = new Dictionary<TypeDeclarationSyntax, SyntaxAnnotation>();
        foreach (LockPlan plan in plans.Where(p => p.NewField))
        {
            if (!newFields.TryGetValue(plan.Type, out List<LockPlan>? list))
            {
                newFields[plan.Type] = list = [];
                typeMarks[plan.Type] = new SyntaxAnnotation();
            }

            if (!list.Exists(p => p.LockName == plan.LockName))
            {
                list.Add(plan);
            }
        }

        Dictionary<SyntaxNode, LockPlan> byTarget = plans.ToDictionary(p => p.Target);
        SyntaxNode newRoot = root.ReplaceNodes(
            byTarget.Keys.Concat(typeMarks.Keys),
            (original, rewritten) =>
            {
                if (original is TypeDeclarationSyntax type && typeMarks.TryGetValue(type, out SyntaxAnnotation? mark) && !byTarget.ContainsKey(original))
                {
                    return rewritten.WithAdditionalAnnotations(mark);
                }

                return Wrap(rewritten, byTarget[original]);
            });

        bool hasLockType = model.Compilation.GetTypeByMetadataName("System.Threading.Lock") is not null;
        foreach (KeyValuePair<TypeDeclarationSyntax, List<LockPlan>> pair in newFields)
        {
            var type = (TypeDeclarationSyntax)newRoot.GetAnnotatedNodes(typeMarks[pair.Key]).Single();
            IEnumerable<MemberDeclarationSyntax> fields = pair.Value.Select(p => LockField(p.LockName, p.StaticLock, hasLockType));
            newRoot = newRoot.ReplaceNode(type, type.WithMembers(type.Members.InsertRange(0, fields)));
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static SyntaxNode Wrap(SyntaxNode target, LockPlan plan)
    {
        switch (target)
        {
            case LocalFunctionStatementSyntax function when function.ExpressionBody is { } arrow:
                return function
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithBody(Block(LockStatement(IdentifierName(plan.LockName), Block(BodyStatement(arrow.Expression, plan.ReturnsValue)))))
                    .WithAdditionalAnnotations(Formatter.Annotation);

            case StatementSyntax statement:
                return LockStatement(IdentifierName(plan.LockName), Block(statement.WithoutTrivia()))
                    .WithTriviaFrom(statement)
                    .WithAdditionalAnnotations(Formatter.Annotation);

            case LambdaExpressionSyntax lambda when lambda.ExpressionBody is { } body:
                return lambda
                    .WithExpressionBody(null)
                    .WithBlock(Block(LockStatement(IdentifierName(plan.LockName), Block(BodyStatement(body, plan.ReturnsValue)))))
                    .WithAdditionalAnnotations(Formatter.Annotation);

            case BaseMethodDeclarationSyntax method when method.ExpressionBody is { } arrow:
                return method
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithBody(Block(LockStatement(IdentifierName(plan.LockName), Block(BodyStatement(arrow.Expression, plan.ReturnsValue)))))
                    .WithAdditionalAnnotations(Formatter.Annotation);

            default:
                return target;
        }
    }

    private static StatementSyntax BodyStatement(ExpressionSyntax expression, bool returnsValue) =>
        returnsValue ? ReturnStatement(expression.WithoutTrivia()) : ExpressionStatement(expression.WithoutTrivia());

    private static FieldDeclarationSyntax LockField(string name, bool isStatic, bool hasLockType)
    {
        TypeSyntax type = hasLockType
            ? ParseTypeName("global::System.Threading.Lock").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation)
            : PredefinedType(Token(SyntaxKind.ObjectKeyword));
        SyntaxTokenList modifiers = isStatic
            ? TokenList(Token(SyntaxKind.PrivateKeyword), Token(SyntaxKind.StaticKeyword), Token(SyntaxKind.ReadOnlyKeyword))
            : TokenList(Token(SyntaxKind.PrivateKeyword), Token(SyntaxKind.ReadOnlyKeyword));
        return FieldDeclaration(
                VariableDeclaration(type)
                    .WithVariables(SingletonSeparatedList(
                        VariableDeclarator(name).WithInitializer(EqualsValueClause(ImplicitObjectCreationExpression())))))
            .WithModifiers(modifiers)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>Where the lock goes and on what, or null when no lock can be placed around the mutation.</summary>
    /// <inheritdoc/>
    protected override LockPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } typeSyntax
            || model.GetDeclaredSymbol(typeSyntax, cancellationToken) is not { } type)
        {
            return null;
        }

        SyntaxNode? target = null;
        bool returnsValue = false;
        for (SyntaxNode? current = node; current is not null && target is null; current = current.Parent)
        {
            switch (current)
            {
                case LocalDeclarationStatementSyntax or LocalFunctionStatementSyntax { ExpressionBody: null }:
                    return null;
                case StatementSyntax statement:
                    target = statement;
                    break;
                case LambdaExpressionSyntax { ExpressionBody: { } body } lambda when body.Span.Contains(node.Span):
                    target = lambda;
                    returnsValue = model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: false };
                    break;
                case ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax } arrow:
                    target = arrow.Parent;
                    returnsValue = model.GetDeclaredSymbol(arrow.Parent!, cancellationToken) is IMethodSymbol { ReturnsVoid: false };
                    break;
                case ArrowExpressionClauseSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }

        if (target is null || ContainsAsyncFlow(target, node))
        {
            return null;
        }

        bool staticContext = diagnostic.Properties.ContainsKey(DiagnosticProperties.StaticLock) || IsStaticContext(node, model, cancellationToken);
        string? lockName = diagnostic.Properties.TryGetValue(DiagnosticProperties.LockField, out string? named) ? named : null;
        bool newField = false;
        if (lockName is null)
        {
            lockName = ExistingLock(type, staticContext, model.Compilation);
            if (lockName is null)
            {
                newField = true;
                lockName = NewLockName(staticContext, type);
            }
        }

        return new LockPlan(target, typeSyntax, lockName, newField, staticContext, returnsValue);
    }

    private static bool ContainsAsyncFlow(SyntaxNode target, SyntaxNode mutation)
    {
        SyntaxNode scope = target is StatementSyntax ? target : mutation;
        return scope.DescendantNodesAndSelf().Any(n => n is AwaitExpressionSyntax or YieldStatementSyntax
            || (n is ForEachStatementSyntax f && f.AwaitKeyword != default)
            || (n is UsingStatementSyntax u && u.AwaitKeyword != default));
    }

    private static bool IsStaticContext(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (current is MemberDeclarationSyntax member)
            {
                ISymbol? symbol = model.GetDeclaredSymbol(member, cancellationToken);
                return symbol?.IsStatic ?? true;
            }
        }

        return true;
    }

    /// <summary>A readonly <c>Lock</c> or <c>object</c> field of the type that can serve, or null.</summary>
    private static string? ExistingLock(INamedTypeSymbol type, bool staticContext, Compilation compilation)
    {
        INamedTypeSymbol? lockType = compilation.GetTypeByMetadataName("System.Threading.Lock");
        IFieldSymbol? best = null;
        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
        {
            bool isLockType = SymbolEqualityComparer.Default.Equals(field.Type, lockType)
                || (field.Type.SpecialType == SpecialType.System_Object && LooksLikeALock(field.Name));
            if (!field.IsReadOnly || !isLockType || (staticContext && !field.IsStatic))
            {
                continue;
            }

            // Prefer a lock of the same kind as the context: an instance lock for instance state.
            if (best is null || (best.IsStatic && !field.IsStatic && !staticContext))
            {
                best = field;
            }
        }

        return best?.Name;
    }

    private static bool LooksLikeALock(string name)
    {
        string lower = name.ToLowerInvariant();
        return lower.Contains("lock") || lower.Contains("gate") || lower.Contains("sync") || lower.Contains("mutex");
    }

    private static string NewLockName(bool isStatic, INamedTypeSymbol type)
    {
        string name = isStatic ? "s_lock" : "_lock";
        string candidate = name;
        for (int i = 2; type.GetMembers(candidate).Length > 0; i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    internal sealed class LockPlan
    {
        public LockPlan(SyntaxNode target, TypeDeclarationSyntax type, string lockName, bool newField, bool staticLock, bool returnsValue)
        {
            Target = target;
            Type = type;
            LockName = lockName;
            NewField = newField;
            StaticLock = staticLock;
            ReturnsValue = returnsValue;
        }

        public SyntaxNode Target { get; }

        public TypeDeclarationSyntax Type { get; }

        public string LockName { get; }

        public bool NewField { get; }

        public bool StaticLock { get; }

        public bool ReturnsValue { get; }
    }
}
