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
/// Fixes MG1004 by turning the convention into a contract: <c>[GuardedBy(nameof(_lock))]</c> on the field (or
/// auto-property), naming the lock the other mutations hold. From then on MG1005 reports, as an error, every access
/// without that lock: the unlocked mutation this diagnostic found, and any read outside the lock too. Offered only
/// when the compilation has <c>MapGuard.GuardedByAttribute</c>, the lock is a readonly reference-type field of the same
/// type, and the member is declared alone in this file.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddGuardedByCodeFixProvider))]
[Shared]
internal sealed class AddGuardedByCodeFixProvider : PlannedCodeFixProvider<AddGuardedByCodeFixProvider.GuardPlan>
{
    /// <summary>The code action's equivalence key.</summary>
    public const string EquivalenceKey = "MapGuard.AddGuardedBy";

    /// <summary>Creates the provider.</summary>
    public AddGuardedByCodeFixProvider()
        : base(EquivalenceKey)
    {
    }

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.InconsistentLocking];

    /// <inheritdoc/>
    protected override string Title(GuardPlan plan) => $"Add [GuardedBy(nameof({plan.LockName}))] to '{plan.MemberName}'";

    /// <inheritdoc/>
    protected override Document Apply(Document document, SyntaxNode root, SemanticModel model, List<GuardPlan> guardPlans)
    {
        var plans = new Dictionary<MemberDeclarationSyntax, string>();
        foreach (GuardPlan plan in guardPlans)
        {
            plans[plan.Declaration] = plan.LockName;
        }

        SyntaxNode newRoot = root.ReplaceNodes(plans.Keys, (original, rewritten) =>
        {
            AttributeListSyntax attribute = AttributeList(SingletonSeparatedList(
                Attribute(
                    ParseName("global::MapGuard.GuardedBy").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                    AttributeArgumentList(SingletonSeparatedList(AttributeArgument(ParseExpression($"nameof({plans[original]})")))))));
            var member = (MemberDeclarationSyntax)rewritten;
            return member
                .WithoutLeadingTrivia()
                .WithAttributeLists(member.AttributeLists.Insert(0, attribute.WithLeadingTrivia(member.GetLeadingTrivia())))
                .WithAdditionalAnnotations(Formatter.Annotation);
        });
        return document.WithSyntaxRoot(newRoot);
    }

    /// <inheritdoc/>
    protected override GuardPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (model.Compilation.GetTypeByMetadataName("MapGuard.GuardedByAttribute") is null
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.LockField, out string? lockName)
            || lockName is null)
        {
            return null;
        }

        SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (CollectionTarget.Of(node, model, cancellationToken) is not { } member
            || member.DeclaringSyntaxReferences.Length != 1
            || member.DeclaringSyntaxReferences[0].SyntaxTree != root.SyntaxTree
            || member.ContainingType.GetMembers(lockName).FirstOrDefault() is not IFieldSymbol { IsReadOnly: true, Type.IsReferenceType: true } lockField
            || (member.IsStatic && !lockField.IsStatic))
        {
            return null;
        }

        MemberDeclarationSyntax? declaration = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
        {
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field } } => field,
            PropertyDeclarationSyntax property => property,
            _ => null,
        };
        return declaration is null ? null : new GuardPlan(declaration, member.Name, lockName);
    }

    /// <summary>The member to annotate and the lock it names.</summary>
    internal sealed class GuardPlan
    {
        public GuardPlan(MemberDeclarationSyntax declaration, string memberName, string lockName)
        {
            Declaration = declaration;
            MemberName = memberName;
            LockName = lockName;
        }

        public MemberDeclarationSyntax Declaration { get; }

        public string MemberName { get; }

        public string LockName { get; }
    }
}
