using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Tests;

/// <summary>MG1001: every entry point reports, and every exemption stays silent.</summary>
public sealed class CapturedCollectionTests
{
    private static Task VerifyAsync(string body, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.AnalyzerAsync<CapturedCollectionAnalyzer>(
            $$"""
            class C
            {
                private readonly Dictionary<int, int> _cache = new();

                async Task M(int[] xs, CancellationToken token)
                {
            {{body}}
                }
            }
            """,
            expected);

    // ---- positives: each entry point ----

    [Fact]
    public Task ParallelFor_IndexerSetOnCapturedDictionary_IsReportedWithMessage() => VerifyAsync(
        """
        var map = new Dictionary<int, int>();
        Parallel.For(0, 100, i => {|#0:map[i] = i|});
        """,
        Expect.Diagnostic(DiagnosticIds.CapturedCollectionMutated, DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithArguments("map", "Dictionary<int, int>", "Parallel.For runs the delegate on several threads at once"));

    [Fact]
    public Task ParallelForEach_ListAdd_IsReported() => VerifyAsync("""
        var list = new List<int>();
        Parallel.ForEach(xs, x => {|MG1001:list.Add(x)|});
        """);

    [Fact]
    public Task ParallelForEachAsync_HashSetAdd_IsReported() => VerifyAsync("""
        var seen = new HashSet<int>();
        await Parallel.ForEachAsync(xs, token, async (x, ct) => { await Task.Delay(1, ct); {|MG1001:seen.Add(x)|}; });
        """);

    [Fact]
    public Task ParallelInvoke_TwoActionsUsingTheCollection_ReportsEachMutation() => VerifyAsync("""
        var queue = new Queue<int>();
        Parallel.Invoke(() => {|MG1001:queue.Enqueue(1)|}, () => {|MG1001:queue.Enqueue(2)|});
        """);

    [Fact]
    public Task PlinqForAll_StackPush_IsReported() => VerifyAsync("""
        var stack = new Stack<int>();
        xs.AsParallel().ForAll(x => {|MG1001:stack.Push(x)|});
        """);

    [Fact]
    public Task PlinqSelect_SortedDictionaryWrite_IsReported() => VerifyAsync("""
        var sorted = new SortedDictionary<int, int>();
        var doubled = xs.AsParallel().Select(x => { {|MG1001:sorted[x] = x|}; return x * 2; }).ToArray();
        """);

    [Fact]
    public Task TaskRun_WhileTheMethodStillUsesTheCollection_IsReported() => VerifyAsync("""
        var list = new List<int>();
        Task t = Task.Run(() => {|MG1001:list.Add(1)|});
        list.Add(2);
        await t;
        """);

    [Fact]
    public Task TaskRun_TwoTasksAwaitedTogether_ReportsBoth() => VerifyAsync("""
        var map = new Dictionary<int, int>();
        Task a = Task.Run(() => {|MG1001:map.Add(1, 1)|});
        Task b = Task.Run(() => {|MG1001:map.Add(2, 2)|});
        await Task.WhenAll(a, b);
        """);

    [Fact]
    public Task TaskRun_TwoTasksInsideWhenAll_ReportsBoth() => VerifyAsync("""
        var map = new Dictionary<int, int>();
        await Task.WhenAll(Task.Run(() => {|MG1001:map.Remove(1)|}), Task.Run(() => {|MG1001:map.Clear()|}));
        """);

    [Fact]
    public Task TaskRun_StartedInALoopWithoutWaiting_IsReported() => VerifyAsync("""
        var list = new List<int>();
        var tasks = new List<Task>();
        foreach (int x in xs)
        {
            tasks.Add(Task.Run(() => {|MG1001:list.Add(x)|}));
        }

        await Task.WhenAll(tasks);
        """);

    [Fact]
    public Task TaskFactoryStartNew_FireAndForget_ThenMethodReads_IsReported() => VerifyAsync("""
        var list = new List<int>();
        Task.Factory.StartNew(() => {|MG1001:list.Insert(0, 1)|});
        Console.WriteLine(list.Count);
        """);

    [Fact]
    public Task NewThread_MethodMutatesBeforeJoin_IsReported() => VerifyAsync("""
        var list = new LinkedList<int>();
        var thread = new Thread(() => {|MG1001:list.AddLast(1)|});
        thread.Start();
        list.AddFirst(0);
        thread.Join();
        """);

    [Fact]
    public Task ThreadPoolQueueUserWorkItem_InALoop_IsReported() => VerifyAsync("""
        var list = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            ThreadPool.QueueUserWorkItem(_ => {|MG1001:list.Add(i)|});
        }
        """);

    [Fact]
    public Task PeriodicThreadingTimer_IsReported() => VerifyAsync("""
        var ticks = new List<DateTime>();
        using var timer = new Timer(_ => {|MG1001:ticks.Add(DateTime.UtcNow)|}, null, 0, 100);
        """);

    [Fact]
    public Task TimersTimerElapsed_IsReported() => VerifyAsync("""
        var ticks = new List<DateTime>();
        var timer = new System.Timers.Timer(100);
        timer.Elapsed += (_, e) => {|MG1001:ticks.Add(e.SignalTime)|};
        """);

    [Fact]
    public Task WhenAllOverAsyncSelect_MutationAfterAwait_IsReported() => VerifyAsync("""
        var results = new Dictionary<int, string>();
        await Task.WhenAll(xs.Select(async x =>
        {
            await Task.Delay(1);
            {|MG1001:results[x] = x.ToString()|};
        }));
        """);

    [Fact]
    public Task WhenAllOverAsyncSelectThroughALocal_IsReported() => VerifyAsync("""
        var results = new List<int>();
        var tasks = xs.Select(async x => { await Task.Yield(); {|MG1001:results.Add(x)|}; }).ToList();
        await Task.WhenAll(tasks);
        """);

    [Fact]
    public Task InstanceFieldThroughThis_InParallelFor_IsReported() => VerifyAsync("""
        Parallel.For(0, 10, i => {|MG1001:_cache.TryAdd(i, i)|});
        """);

    [Fact]
    public Task CompoundAssignmentOnIndexer_IsReported() => VerifyAsync("""
        var counts = new Dictionary<int, int>();
        Parallel.ForEach(xs, x => {|MG1001:counts[x % 4] += 1|});
        """);

    [Fact]
    public Task CapturedParameter_IsReported() => Verify.AnalyzerAsync<CapturedCollectionAnalyzer>("""
        class C
        {
            void M(List<int> list) => Parallel.For(0, 10, i => {|MG1001:list.Add(i)|});
        }
        """);

    [Fact]
    public Task LockAroundTheEntryPointInsteadOfInside_IsReported() => VerifyAsync("""
        var gate = new object();
        var list = new List<int>();
        lock (gate)
        {
            Parallel.For(0, 10, i => {|MG1001:list.Add(i)|});
        }
        """);

    [Fact]
    public Task ReadLockOfReaderWriterLockSlim_DoesNotCoverAMutation() => VerifyAsync("""
        var rw = new ReaderWriterLockSlim();
        var list = new List<int>();
        Parallel.For(0, 10, i =>
        {
            rw.EnterReadLock();
            try { {|MG1001:list.Add(i)|}; } finally { rw.ExitReadLock(); }
        });
        """);

    [Fact]
    public Task MutationAfterMonitorExit_IsReported() => VerifyAsync("""
        var gate = new object();
        var list = new List<int>();
        Parallel.For(0, 10, i =>
        {
            Monitor.Enter(gate);
            try { list.Add(i); } finally { Monitor.Exit(gate); }
            {|MG1001:list.Add(-i)|};
        });
        """);

    [Theory]
    [InlineData("new List<int>()", "c.AddRange(new[] { i })")]
    [InlineData("new List<int>()", "c.RemoveAt(0)")]
    [InlineData("new List<int>()", "c.Sort()")]
    [InlineData("new HashSet<int>()", "c.UnionWith(new[] { i })")]
    [InlineData("new SortedSet<int>()", "c.Remove(i)")]
    [InlineData("new SortedList<int, int>()", "c[i] = i")]
    [InlineData("new PriorityQueue<int, int>()", "c.Enqueue(i, i)")]
    [InlineData("new Queue<int>()", "c.TryDequeue(out _)")]
    [InlineData("new Stack<int>()", "c.TryPop(out _)")]
    [InlineData("new ArrayList()", "c.Add(i)")]
    [InlineData("new Hashtable()", "c[i] = i")]
    [InlineData("new System.Collections.ObjectModel.ObservableCollection<int>()", "c.Add(i)")]
    [InlineData("new Dictionary<int, int>()", "CollectionExtensions.TryAdd<int, int>(c, i, i)")]
    [InlineData("new Dictionary<int, int>()", "System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(c, i, out _)")]
    public Task EveryUnsafeCollectionKin_IsTracked(string creation, string mutation) => VerifyAsync($$"""
        var c = {{creation}};
        Parallel.For(0, 10, i => { {|MG1001:{{mutation}}|}; });
        """);

    // ---- negatives: each exemption ----

    [Fact]
    public Task Reads_AreNotReported() => VerifyAsync("""
        var map = new Dictionary<int, int> { [1] = 1 };
        var list = new List<int> { 1 };
        Parallel.For(0, 10, i =>
        {
            map.TryGetValue(i, out int v);
            _ = map.ContainsKey(i) ? map[i] : map.Count;
            foreach (var pair in map) { }
            _ = list[0] + list.Count + list.IndexOf(i);
            _ = map.Where(p => p.Key > i).ToList();
        });
        """);

    [Fact]
    public Task CollectionDeclaredInsideTheDelegate_IsNotReported() => VerifyAsync("""
        Parallel.For(0, 10, i =>
        {
            var local = new Dictionary<int, int>();
            local[i] = i;
            local.Add(-i, i);
        });
        """);

    [Fact]
    public Task MutationInsideLockStatement_IsNotReported() => VerifyAsync("""
        var gate = new object();
        var list = new List<int>();
        Parallel.For(0, 10, i => { lock (gate) { list.Add(i); } });
        """);

    [Fact]
    public Task MutationInsideLockOnSystemThreadingLock_IsNotReported() => VerifyAsync("""
        var gate = new Lock();
        var list = new List<int>();
        Parallel.For(0, 10, i => { lock (gate) { list.Add(i); } });
        """);

    [Fact]
    public Task MutationInsideEnterScopeUsingStatement_IsNotReported() => VerifyAsync("""
        var gate = new Lock();
        var list = new List<int>();
        Parallel.For(0, 10, i => { using (gate.EnterScope()) { list.Add(i); } });
        """);

    [Fact]
    public Task MutationAfterEnterScopeUsingDeclaration_IsNotReported() => VerifyAsync("""
        var gate = new Lock();
        var list = new List<int>();
        Parallel.For(0, 10, i =>
        {
            using var scope = gate.EnterScope();
            list.Add(i);
        });
        """);

    [Fact]
    public Task MutationBetweenMonitorEnterAndExit_IsNotReported() => VerifyAsync("""
        var gate = new object();
        var list = new List<int>();
        Parallel.For(0, 10, i =>
        {
            bool taken = false;
            try
            {
                Monitor.Enter(gate, ref taken);
                list.Add(i);
            }
            finally
            {
                if (taken) Monitor.Exit(gate);
            }
        });
        """);

    [Fact]
    public Task MutationBetweenLockEnterAndExit_IsNotReported() => VerifyAsync("""
        var gate = new Lock();
        var list = new List<int>();
        Parallel.For(0, 10, i =>
        {
            gate.Enter();
            try { list.Add(i); } finally { gate.Exit(); }
        });
        """);

    [Fact]
    public Task MutationUnderReaderWriterLockSlimWriteLock_IsNotReported() => VerifyAsync("""
        var rw = new ReaderWriterLockSlim();
        var list = new List<int>();
        Parallel.For(0, 10, i =>
        {
            rw.EnterWriteLock();
            try { list.Add(i); } finally { rw.ExitWriteLock(); }
        });
        """);

    [Fact]
    public Task SingleTaskAwaitedBeforeTheMethodTouchesTheCollection_IsNotReported() => VerifyAsync("""
        var list = new List<int>();
        await Task.Run(() => list.Add(1));
        list.Add(2);
        Task t = Task.Run(() => list.Add(3));
        await t;
        list.Add(4);
        var u = Task.Factory.StartNew(() => list.Add(5));
        u.Wait();
        list.Add(6);
        var thread = new Thread(() => list.Add(7));
        thread.Start();
        thread.Join();
        list.Add(8);
        """);

    [Fact]
    public Task TaskRunAwaitedInsideEachLoopIteration_IsNotReported() => VerifyAsync("""
        var list = new List<int>();
        foreach (int x in xs)
        {
            await Task.Run(() => list.Add(x)).ConfigureAwait(false);
            list.Remove(x - 1);
        }
        """);

    [Fact]
    public Task FireAndForgetTaskTheMethodNeverTouchesAgain_IsNotReported() => VerifyAsync("""
        var list = new List<int>();
        _ = Task.Run(() => { list.Add(1); Console.WriteLine(list.Count); });
        """);

    [Fact]
    public Task ParallelInvokeWithOneActionUsingTheCollection_IsNotReported() => VerifyAsync("""
        var list = new List<int>();
        Parallel.Invoke(() => list.Add(1), () => Console.WriteLine("other"));
        """);

    [Fact]
    public Task WhenAllOverAsyncSelect_MutationOnlyBeforeTheFirstAwait_IsNotReported() => VerifyAsync("""
        var started = new List<int>();
        await Task.WhenAll(xs.Select(async x =>
        {
            started.Add(x);
            await Task.Delay(1);
        }));
        """);

    [Fact]
    public Task OneShotTimerNeverTouchedAgain_IsNotReported() => VerifyAsync("""
        var list = new List<int>();
        var timer = new Timer(_ => list.Add(1), null, 100, Timeout.Infinite);
        """);

    [Fact]
    public Task ThreadSafeCollections_AreNotReported() => VerifyAsync("""
        var concurrent = new ConcurrentDictionary<int, int>();
        var bag = new ConcurrentBag<int>();
        var queue = new ConcurrentQueue<int>();
        var immutable = ImmutableList<int>.Empty;
        var frozen = System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(new Dictionary<int, int>());
        Parallel.For(0, 10, i =>
        {
            concurrent[i] = i;
            concurrent.TryAdd(i, i);
            bag.Add(i);
            queue.Enqueue(i);
            _ = immutable.Add(i);
            _ = frozen.ContainsKey(i);
        });
        """);

    [Fact]
    public Task ListIndexerWriteAtDistinctIndexes_IsNotReported() => VerifyAsync("""
        var list = new List<int>(new int[100]);
        Parallel.For(0, 100, i => list[i] = i * i);
        """);

    [Fact]
    public Task SequentialLambdas_AreNotEntryPoints() => VerifyAsync("""
        var map = new Dictionary<int, int>();
        xs.ToList().ForEach(x => map[x] = x);
        Func<int, int> f = x => { map.Remove(x); return x; };
        _ = xs.Select(f).ToArray();
        """);
}
