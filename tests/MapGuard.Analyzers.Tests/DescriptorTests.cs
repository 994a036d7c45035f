using System.Collections.Immutable;
using MapGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MapGuard.Analyzers.Tests;

/// <summary>Every rule's descriptor: messages name no repository path, and a help link is an absolute URL or absent.</summary>
public sealed class DescriptorTests
{
    public static TheoryData<string> Rules() => [.. All().Select(d => d.Id)];

    private static IEnumerable<DiagnosticDescriptor> All() =>
        new DiagnosticAnalyzer[]
        {
            new CapturedCollectionAnalyzer(), new StaticCollectionAnalyzer(), new SharedStateAnalyzer(), new GuardedByAnalyzer(), new UnlockedReadAnalyzer(),
        }.SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).Select(g => g.First());

    [Theory]
    [MemberData(nameof(Rules))]
    public void MessageAndDescription_CiteNoRepositoryPath(string id)
    {
        DiagnosticDescriptor descriptor = All().Single(d => d.Id == id);
        Assert.DoesNotContain("docs/", descriptor.MessageFormat.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(".md", descriptor.MessageFormat.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("docs/", descriptor.Description.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void HelpLink_IsAnAbsoluteUrlToTheRulePage_OrAbsent(string id)
    {
        DiagnosticDescriptor descriptor = All().Single(d => d.Id == id);
        if (string.IsNullOrEmpty(descriptor.HelpLinkUri))
        {
            return;
        }

        Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out Uri? uri), descriptor.HelpLinkUri);
        Assert.EndsWith("/" + id + ".md", uri.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRule_HasAPage()
    {
        string docs = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs", "analyzers");
        foreach (DiagnosticDescriptor descriptor in All())
        {
            Assert.True(File.Exists(Path.Combine(docs, descriptor.Id + ".md")), descriptor.Id);
        }
    }

    [Fact]
    public void RulesReportedAtTheCompilationEnd_AreTaggedSo()
    {
        ImmutableArray<DiagnosticDescriptor> descriptors = [.. All()];
        foreach (string id in new[] { "MG1001", "MG1002", "MG1003", "MG1004", "MG1007" })
        {
            Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, descriptors.Single(d => d.Id == id).CustomTags);
        }
    }
}
