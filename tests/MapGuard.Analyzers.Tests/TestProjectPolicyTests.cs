using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;

namespace MapGuard.Analyzers.Tests;

/// <summary>
/// The test-project policy the package ships: its globalconfig lowers exactly the heuristic rules to suggestions, and a
/// compilation given that configuration reports a static-list race as a suggestion, not a warning.
/// </summary>
public sealed class TestProjectPolicyTests
{
    private static string GlobalConfig() => File.ReadAllText(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "MapGuard", "buildTransitive", "MapGuard.TestProjects.globalconfig"));

    [Fact]
    public void PackagedGlobalConfig_LowersTheHeuristicRules_AndLeavesGuardedByAlone()
    {
        string config = GlobalConfig();
        foreach (string id in new[] { "MG1001", "MG1002", "MG1003", "MG1004", "MG1007" })
        {
            Assert.Contains($"dotnet_diagnostic.{id}.severity = suggestion", config, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("MG1005", config, StringComparison.Ordinal);
        Assert.DoesNotContain("MG1006", config, StringComparison.Ordinal);
    }

    [Fact]
    public Task WithThePackagedGlobalConfig_AStaticListRace_IsASuggestion()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<StaticCollectionAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = Verify.Usings + """
                public class FixtureTests
                {
                    public static readonly List<string> Seen = new();

                    public void Records() => {|#0:Seen.Add("x")|};
                }
                """,
            ReferenceAssemblies = TestReferences.None,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.TestState.AnalyzerConfigFiles.Add(("/MapGuard.TestProjects.globalconfig", GlobalConfig()));
        test.ExpectedDiagnostics.Add(Expect.Diagnostic(DiagnosticIds.StaticCollectionMutated, Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithLocation(0).WithArguments("Seen", "List<string>", ""));
        return test.RunAsync(TestContext.Current.CancellationToken);
    }
}
