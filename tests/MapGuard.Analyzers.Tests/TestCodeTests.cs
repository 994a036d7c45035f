using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;

namespace MapGuard.Analyzers.Tests;

/// <summary>
/// Test code the framework serialises: fixtures and jobs marked as never running in parallel, and set-up methods, do
/// not race with each other. The attributes are declared here under their frameworks' names (matching is by name).
/// </summary>
public sealed class TestCodeTests
{
    private const string Frameworks = """
        namespace NUnit.Framework
        {
            public sealed class NonParallelizableAttribute : Attribute { }
            public sealed class SetUpAttribute : Attribute { }
            public sealed class TestAttribute : Attribute { }
            public enum ParallelScope { Default = 0, Self = 1, None = 2 }
            public sealed class ParallelizableAttribute : Attribute { public ParallelizableAttribute(ParallelScope scope) { } }
        }

        namespace Quartz
        {
            public sealed class DisallowConcurrentExecutionAttribute : Attribute { }
        }

        namespace Xunit
        {
            public sealed class CollectionAttribute : Attribute
            {
                public CollectionAttribute(string name) { }
                public bool DisableParallelization { get; set; }
            }
        }

        """;

    [Fact]
    public Task StaticListsWrittenByNonParallelizableFixtures_AreNotReported() => Verify.AnalyzerAsync<StaticCollectionAnalyzer>(Frameworks + """
        [NUnit.Framework.NonParallelizable]
        public class OrderTests
        {
            public static readonly List<string> Seen = new();

            [NUnit.Framework.Test]
            public void Records() => Seen.Add("order");
        }

        [NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.None)]
        public class OtherTests
        {
            [NUnit.Framework.Test]
            public void Records() => OrderTests.Seen.Add("other");
        }

        [Xunit.Collection("serial", DisableParallelization = true)]
        public class XunitTests
        {
            public void Records() => OrderTests.Seen.Add("xunit");
        }
        """);

    [Fact]
    public Task JobsThatDisallowConcurrentExecution_AndSetUpMethods_AreNotReported() => Verify.AnalyzerAsync<StaticCollectionAnalyzer>(Frameworks + """
        [Quartz.DisallowConcurrentExecution]
        public class CountingJob
        {
            public static readonly List<DateTime> Runs = new();

            public void Execute() => Runs.Add(DateTime.UtcNow);
        }

        public class SchedulerTests
        {
            [NUnit.Framework.SetUp]
            public void Reset() => CountingJob.Runs.Clear();
        }
        """);

    [Fact]
    public Task StaticListWrittenByAnOrdinaryParallelTest_IsStillReported() => Verify.AnalyzerAsync<StaticCollectionAnalyzer>(Frameworks + """
        public class ParallelTests
        {
            public static readonly List<string> Seen = new();

            [NUnit.Framework.Test]
            public void Records() => {|MG1002:Seen.Add("x")|};

            [NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.Self)]
            public void AlsoRecords() => {|MG1002:Seen.Add("y")|};
        }
        """);
}
