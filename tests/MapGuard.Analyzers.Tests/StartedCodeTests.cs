using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Tests;

/// <summary>
/// MG1001 beyond inline lambdas: method groups handed to thread starts, Task.Run, timers and Parallel are judged like
/// lambdas, and work started inside a LINQ projection (<c>Select(i =&gt; Task.Run(...))</c>) starts once per element.
/// </summary>
public sealed class StartedCodeTests
{
    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.AnalyzerAsync<CapturedCollectionAnalyzer>(source, expected);

    [Fact]
    public Task ThreadStartedFromAMethodGroup_IteratingAListOtherCodeMutates_IsReportedAtTheMutation() => VerifyAsync(
        """
        class Poller
        {
            private readonly List<string> _targets = new();

            public void Start() => new Thread(Loop).Start();

            public void AddTarget(string target) => {|#0:_targets.Add(target)|};

            private void Loop()
            {
                foreach (string target in _targets) Console.WriteLine(target);
            }
        }
        """,
        Expect.Diagnostic(DiagnosticIds.CapturedCollectionMutated, DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("_targets", "List<string>", "new Thread in 'Start' runs code that uses it beside this mutation"));

    [Fact]
    public Task TaskRunAndTimerMethodGroups_AreFollowed() => VerifyAsync("""
        class Worker
        {
            private readonly Dictionary<int, int> _seen = new();
            private readonly Queue<int> _work = new();
            private Timer _timer;

            public void Start()
            {
                Task.Run(Drain);
                _timer = new Timer(Tick, null, 0, 100);
            }

            public void Post(int x) => {|MG1001:_work.Enqueue(x)|};

            private void Drain()
            {
                while (_work.Count > 0) Console.WriteLine(_work.Peek());
            }

            private void Tick(object state) => {|MG1001:_seen[1] = 1|};
        }
        """);

    [Fact]
    public Task ParallelForOverAMethodGroupThatMutatesAField_IsReported() => VerifyAsync("""
        class Counter
        {
            private readonly HashSet<int> _hits = new();

            public void Run() => Parallel.For(0, 100, Hit);

            private void Hit(int i) => {|MG1001:_hits.Add(i)|};
        }
        """);

    [Fact]
    public Task MethodGroupThread_WithLockedMutations_OrMutationsBeforeTheStart_IsNotReported() => VerifyAsync("""
        class Poller
        {
            private readonly object _gate = new();
            private readonly List<string> _targets = new();

            public Poller() => _targets.Add("self");

            public void Start()
            {
                _targets.Add("boot");
                new Thread(Loop).Start();
            }

            public void AddTarget(string target)
            {
                lock (_gate) { _targets.Add(target); }
            }

            private void Loop()
            {
                lock (_gate) { foreach (string target in _targets) Console.WriteLine(target); }
                Trim();
            }

            private void Trim() => _targets.RemoveAll(t => t.Length == 0);
        }
        """);

    [Fact]
    public Task TaskRunInsideASelectProjection_IsReported() => VerifyAsync("""
        class Fan
        {
            async Task M()
            {
                var seen = new Dictionary<int, int>();
                await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => { {|MG1001:seen[i] = i|}; })));
            }
        }
        """);

    [Fact]
    public Task TaskFactoryStartNewInsideASelectProjection_IsReported() => VerifyAsync("""
        class Fan
        {
            void M()
            {
                var seen = new List<int>();
                var tasks = Enumerable.Range(0, 4).Select(i => Task.Factory.StartNew(() => {|MG1001:seen.Add(i)|})).ToArray();
                Task.WaitAll(tasks);
            }
        }
        """);

    [Fact]
    public Task TaskRunWaitedInsideTheProjection_OrCollectionDeclaredInside_IsNotReported() => VerifyAsync("""
        class Fan
        {
            void M()
            {
                var seen = new List<int>();
                var done = Enumerable.Range(0, 4).Select(i => { Task.Run(() => seen.Add(i)).Wait(); return i; }).ToList();
                var lists = Enumerable.Range(0, 4).Select(i => { var own = new List<int>(); return Task.Run(() => own.Add(i)); }).ToArray();
                Task.WaitAll(lists);
            }
        }
        """);

    [Fact]
    public Task ThreadThatOwnsItsCollections_IsNotReported() => VerifyAsync("""
        class Poller
        {
            private readonly List<int> _added = new();
            private readonly List<int> _handles = new();

            public void Start() => new Thread(Loop).Start();

            public void AddHandle(int handle) => _added.Add(handle);

            private void Loop()
            {
                _handles.AddRange(_added);
                _added.Clear();
            }
        }
        """);
}
