using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace MapGuard.Analyzers.CodeFixes;

/// <summary>
/// Fixes MG1001-MG1004 on a <c>Dictionary&lt;TKey, TValue&gt;</c> by switching it to <c>ConcurrentDictionary</c>, only
/// when every use in scope maps one-to-one: a local (all uses in its method) or a private field (all uses in its type,
/// declared in one file). Kept as they are: the indexer get and set, <c>TryGetValue</c>, <c>ContainsKey</c>,
/// <c>TryAdd</c>, <c>Clear</c>, <c>Count</c>, <c>Comparer</c>, <c>foreach</c> over the dictionary or its <c>Keys</c>/<c>Values</c>,
/// <c>nameof</c>, and passing it where an interface <c>ConcurrentDictionary</c> also implements is expected (LINQ).
/// Rewritten: <c>Remove(key)</c> and <c>Remove(key, out value)</c> become <c>TryRemove</c>. The creation must be
/// <c>new()</c> or <c>new Dictionary&lt;K, V&gt;()</c>, with at most a comparer. Anything else (<c>Add</c>, which throws on a
/// duplicate; <c>map[k]++</c> or <c>+=</c>, which are not atomic on a ConcurrentDictionary either; a capacity; a collection
/// initializer; passing it as a <c>Dictionary</c>) means the fix is not offered: wrap in a lock instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseConcurrentDictionaryCodeFixProvider))]
[Shared]
internal sealed class UseConcurrentDictionaryCodeFixProvider : PlannedCodeFixProvider<UseConcurrentDictionaryCodeFixProvider.FixPlan>
{
    /// <summary>The code action's equivalence key.</summary>
    public const string EquivalenceKey = "MapGuard.UseConcurrentDictionary";

    /// <summary>Creates the provider.</summary>
    public UseConcurrentDictionaryCodeFixProvider()
        : base(EquivalenceKey)
    {
    }

    private static readonly ImmutableHashSet<string> s_sameMethods = ImmutableHashSet.Create(
        StringComparer.Ordinal, "TryGetValue", "ContainsKey", "TryAdd", "Clear", "GetEnumerator", "ToString", "GetHashCode", "Equals");

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
    protected override string Title(FixPlan plan) => $"Use ConcurrentDictionary for '{plan.Symbol.Name}'";

    /// <inheritdoc/>
    protected override Document Apply(Document document, SyntaxNode root, SemanticModel model, List<FixPlan> plans)
    {
        var edits = new Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>>();
        var done = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (FixPlan plan in plans)
        {
            if (done.Add(plan.Symbol))
            {
                foreach (KeyValuePair<SyntaxNode, Func<SyntaxNode, SyntaxNode>> edit in plan.Edits)
                {
                    edits[edit.Key] = edit.Value;
                }
            }
        }

        return edits.Count == 0 ? document : document.WithSyntaxRoot(root.ReplaceNodes(edits.Keys, (original, rewritten) => edits[original](rewritten)));
    }

    /// <inheritdoc/>
    protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        INamedTypeSymbol? dictionary = model.Compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
        INamedTypeSymbol? concurrent = model.Compilation.GetTypeByMetadataName("System.Collections.Concurrent.ConcurrentDictionary`2");
        SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (dictionary is null || concurrent is null || CollectionTarget.Of(node, model, cancellationToken) is not { } symbol)
        {
            return null;
        }

        ITypeSymbol? type = symbol switch
        {
            ILocalSymbol local => local.Type,
            IFieldSymbol { DeclaredAccessibility: Accessibility.Private } field => field.Type,
            _ => null,
        };
        if (type is not INamedTypeSymbol named || !SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, dictionary)
            || symbol.DeclaringSyntaxReferences.Length != 1
            || symbol.DeclaringSyntaxReferences[0].SyntaxTree != root.SyntaxTree)
        {
            return null;
        }

        // Every use lives in the local's function, or in the field's type (one declaration, in this file).
        SyntaxNode declaration = symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        SyntaxNode? scope = symbol is ILocalSymbol
            ? declaration.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or GlobalStatementSyntax or AnonymousFunctionExpressionSyntax)
            : declaration.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (scope is null || (symbol is IFieldSymbol && symbol.ContainingType.DeclaringSyntaxReferences.Length != 1))
        {
            return null;
        }

        if (symbol is ILocalSymbol && scope is GlobalStatementSyntax)
        {
            scope = root;
        }

        INamedTypeSymbol target = concurrent.Construct(named.TypeArguments.ToArray());
        var edits = new Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>>();
        if (!PlanDeclaration(declaration, named, model, edits, cancellationToken))
        {
            return null;
        }

        foreach (SyntaxToken token in scope.DescendantTokens())
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != symbol.Name || token.Parent is not IdentifierNameSyntax identifier)
            {
                continue;
            }

            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, symbol))
            {
                continue;
            }

            if (model.GetOperation(identifier, cancellationToken) is not { } use || !PlanUse(use, target, edits))
            {
                return null;
            }
        }

        return new FixPlan(symbol, edits);
    }

    private static bool PlanDeclaration(SyntaxNode declaration, INamedTypeSymbol dictionaryType, SemanticModel model, Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> edits, CancellationToken cancellationToken)
    {
        if (declaration is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } variables } declarator)
        {
            return false;
        }

        QualifiedNameSyntax concurrentType = ConcurrentType(dictionaryType, variables.Type);
        if (!variables.Type.IsVar)
        {
            edits[variables.Type] = old => concurrentType.WithTriviaFrom(old);
        }

        switch (declarator.Initializer?.Value)
        {
            case ImplicitObjectCreationExpressionSyntax implicitCreation when implicitCreation.Initializer is null && ComparerOnly(implicitCreation.ArgumentList, model, cancellationToken):
                return !variables.Type.IsVar;
            case ObjectCreationExpressionSyntax creation when creation.Initializer is null && ComparerOnly(creation.ArgumentList, model, cancellationToken):
                edits[creation.Type] = old => ConcurrentType(dictionaryType, creation.Type).WithTriviaFrom(old);
                return true;
            default:
                return false;
        }
    }

    private static bool ComparerOnly(ArgumentListSyntax? arguments, SemanticModel model, CancellationToken cancellationToken)
    {
        if (arguments is null || arguments.Arguments.Count == 0)
        {
            return true;
        }

        return arguments.Arguments.Count == 1
            && model.GetTypeInfo(arguments.Arguments[0].Expression, cancellationToken).ConvertedType is INamedTypeSymbol { Name: "IEqualityComparer" };
    }

    private static bool PlanUse(IOperation use, INamedTypeSymbol target, Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> edits)
    {
        IOperation self = use;
        IOperation? parent = use.Parent;
        while (parent is IConversionOperation { IsImplicit: true } conversion)
        {
            if (conversion.Type is INamedTypeSymbol { TypeKind: TypeKind.Interface } face && Implements(target, face))
            {
                return true; // passed as an interface the concurrent dictionary implements too
            }

            self = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case INameOfOperation:
                return true;
            case IForEachLoopOperation loop when loop.Collection == self:
                return true;
            case IInvocationOperation invocation when invocation.Instance == self:
                if (s_sameMethods.Contains(invocation.TargetMethod.Name))
                {
                    return true;
                }

                if (invocation.TargetMethod.Name == "Remove" && invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call)
                {
                    edits[call] = rewritten => RewriteRemove((InvocationExpressionSyntax)rewritten, member.Name);
                    return true;
                }

                return false;
            case IPropertyReferenceOperation property when property.Instance == self:
                if (property.Property.IsIndexer)
                {
                    // map[k] and map[k] = v map over; map[k]++ and map[k] += v are read-modify-write, atomic on neither.
                    return property.Parent is not (ICompoundAssignmentOperation or IIncrementOrDecrementOperation or ICoalesceAssignmentOperation);
                }

                return property.Property.Name switch
                {
                    "Count" or "Comparer" => true,
                    "Keys" or "Values" => property.Parent is IForEachLoopOperation || property.Parent is IConversionOperation { Parent: IForEachLoopOperation },
                    _ => false,
                };
            case IArgumentOperation { Parameter.Type: INamedTypeSymbol { TypeKind: TypeKind.Interface } face } when Implements(target, face):
                return true;
            default:
                return false;
        }
    }

    private static InvocationExpressionSyntax RewriteRemove(InvocationExpressionSyntax call, SimpleNameSyntax name)
    {
        var member = (MemberAccessExpressionSyntax)call.Expression;
        InvocationExpressionSyntax renamed = call.WithExpression(member.WithName(IdentifierName("TryRemove").WithTriviaFrom(name)));
        if (renamed.ArgumentList.Arguments.Count == 1)
        {
            renamed = renamed.AddArgumentListArguments(Argument(IdentifierName("_")).WithRefKindKeyword(Token(SyntaxKind.OutKeyword)));
        }

        return renamed;
    }

    private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol face) =>
        type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, face));

    private static QualifiedNameSyntax ConcurrentType(INamedTypeSymbol dictionaryType, TypeSyntax original)
    {
        TypeArgumentListSyntax arguments = original switch
        {
            GenericNameSyntax generic => generic.TypeArgumentList,
            QualifiedNameSyntax { Right: GenericNameSyntax generic } => generic.TypeArgumentList,
            AliasQualifiedNameSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList,
            _ => TypeArgumentList(SeparatedList(dictionaryType.TypeArguments.Select(t => ParseTypeName(t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))))),
        };
        return QualifiedName(ParseName("global::System.Collections.Concurrent"), GenericName(Identifier("ConcurrentDictionary"), arguments))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }

    internal sealed class FixPlan
    {
        public FixPlan(ISymbol symbol, Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> edits)
        {
            Symbol = symbol;
            Edits = edits;
        }

        public ISymbol Symbol { get; }

        public Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> Edits { get; }
    }
}
