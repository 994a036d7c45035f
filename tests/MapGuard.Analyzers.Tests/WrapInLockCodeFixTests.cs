using MapGuard.Analyzers.CodeFixes;
using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;

namespace MapGuard.Analyzers.Tests;

/// <summary>
/// The wrap-in-lock fix. The testing library applies each fix one at a time, then fix-all in document, project and
/// solution scope, and checks every route ends at the same code: so each test here with several diagnostics is also a
/// fix-all test.
/// </summary>
public sealed class WrapInLockCodeFixTests
{
    [Fact]
    public Task CapturedLocals_GetOneNewLockField_SharedByEveryMutation() =>
        Verify.CodeFixAsync<CapturedCollectionAnalyzer, WrapInLockCodeFixProvider>(
            """
            class C
            {
                void M(int[] xs)
                {
                    var map = new Dictionary<int, int>();
                    var list = new List<int>();
                    Parallel.For(0, 10, i => {|MG1001:map[i] = i|});
                    Parallel.ForEach(xs, x =>
                    {
                        {|MG1001:map.Remove(x)|};
                        if (x > 0)
                            {|MG1001:list.Add(x)|};
                    });
                }
            }
            """,
            """
            class C
            {
                private readonly Lock _lock = new();

                void M(int[] xs)
                {
                    var map = new Dictionary<int, int>();
                    var list = new List<int>();
                    Parallel.For(0, 10, i => { lock (_lock) { map[i] = i; } });
                    Parallel.ForEach(xs, x =>
                    {
                        lock (_lock)
                        {
                            map.Remove(x);
                        }
                        if (x > 0)
                            lock (_lock)
                            {
                                list.Add(x);
                            }
                    });
                }
            }
            """);

    [Fact]
    public Task StaticCollection_UsesTheExistingStaticLock_AndExpandsExpressionBodies() =>
        Verify.CodeFixAsync<StaticCollectionAnalyzer, WrapInLockCodeFixProvider>(
            """
            static class Registry
            {
                private static readonly object s_gate = new();
                private static readonly Dictionary<string, int> s_ids = new();

                public static void Register(string name) => {|MG1002:s_ids.Add(name, s_ids.Count)|};

                public static bool Forget(string name) => {|MG1002:s_ids.Remove(name)|};
            }
            """,
            """
            static class Registry
            {
                private static readonly object s_gate = new();
                private static readonly Dictionary<string, int> s_ids = new();

                public static void Register(string name)
                {
                    lock (s_gate)
                    {
                        s_ids.Add(name, s_ids.Count);
                    }
                }

                public static bool Forget(string name)
                {
                    lock (s_gate)
                    {
                        return s_ids.Remove(name);
                    }
                }
            }
            """);

    [Fact]
    public Task StaticCollectionInAnInstanceType_GetsAStaticLock_NotTheInstanceOne() =>
        Verify.CodeFixAsync<StaticCollectionAnalyzer, WrapInLockCodeFixProvider>(
            """
            class Cache
            {
                private readonly object _gate = new();
                private static readonly List<int> s_all = new();

                public void Add(int x)
                {
                    {|MG1002:s_all.Add(x)|};
                }
            }
            """,
            """
            class Cache
            {
                private static readonly Lock s_lock = new();
                private readonly object _gate = new();
                private static readonly List<int> s_all = new();

                public void Add(int x)
                {
                    lock (s_lock)
                    {
                        s_all.Add(x);
                    }
                }
            }
            """);

    [Fact]
    public Task InconsistentLocking_TakesTheLockTheOtherMutationsHold() =>
        Verify.CodeFixAsync<SharedStateAnalyzer, WrapInLockCodeFixProvider>(
            """
            class Inventory
            {
                private readonly object _other = new();
                private readonly object _gate = new();
                private readonly Dictionary<string, int> _stock = new();

                public void Add(string sku) { lock (_gate) { _stock[sku] = 1; } }

                public void Remove(string sku)
                {
                    {|MG1004:_stock.Remove(sku)|};
                    {|MG1004:_stock.Remove(sku + "-old")|};
                }
            }
            """,
            """
            class Inventory
            {
                private readonly object _other = new();
                private readonly object _gate = new();
                private readonly Dictionary<string, int> _stock = new();

                public void Add(string sku) { lock (_gate) { _stock[sku] = 1; } }

                public void Remove(string sku)
                {
                    lock (_gate)
                    {
                        _stock.Remove(sku);
                    }
                    lock (_gate)
                    {
                        _stock.Remove(sku + "-old");
                    }
                }
            }
            """);

    [Fact]
    public Task MutationsInNestedStatements_AreWrappedOnceByTheOuterLock() =>
        Verify.CodeFixAsync<StaticCollectionAnalyzer, WrapInLockCodeFixProvider>(
            """
            static class Registry
            {
                private static readonly Lock s_gate = new();
                private static readonly List<int> s_items = new();

                public static void Move(int x)
                {
                    if ({|MG1002:s_items.Remove(x)|})
                    {
                        {|MG1002:s_items.Add(-x)|};
                    }
                }
            }
            """,
            """
            static class Registry
            {
                private static readonly Lock s_gate = new();
                private static readonly List<int> s_items = new();

                public static void Move(int x)
                {
                    lock (s_gate)
                    {
                        if (s_items.Remove(x))
                        {
                            s_items.Add(-x);
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task StatementThatAwaits_OrDeclaresALocal_IsNotOffered()
    {
        const string Source = """
            class C
            {
                async Task M()
                {
                    var list = new List<int>();
                    var set = new HashSet<int>();
                    Task t = Task.Run(async () => { await Task.Yield(); {|MG1001:list.Add(await Task.FromResult(1))|}; });
                    Parallel.For(0, 10, i => { var added = {|MG1001:set.Add(i)|}; Console.WriteLine(added); });
                    list.Add(0);
                    await t;
                }
            }
            """;
        return Verify.CodeFixAsync<CapturedCollectionAnalyzer, WrapInLockCodeFixProvider>(Source, Source);
    }
}
