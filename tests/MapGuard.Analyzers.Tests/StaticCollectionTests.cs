using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Tests;

/// <summary>MG1002: static collections mutated outside a lock, and each exemption.</summary>
public sealed class StaticCollectionTests
{
    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.AnalyzerAsync<StaticCollectionAnalyzer>(source, expected);

    [Fact]
    public Task StaticFieldMutatedInAMethod_IsReportedWithMessage() => VerifyAsync(
        """
        class Registry
        {
            private static readonly List<string> s_names = new();

            public static void Register(string name) => {|#0:s_names.Add(name)|};
        }
        """,
        Expect.Diagnostic(DiagnosticIds.StaticCollectionMutated, DiagnosticSeverity.Warning).WithLocation(0).WithArguments("s_names", "List<string>", ""));

    [Fact]
    public Task StaticAutoPropertyAndIndexerWrites_AreReported() => VerifyAsync("""
        static class Cache
        {
            public static Dictionary<string, int> Hits { get; } = new();

            public static void Hit(string key)
            {
                {|MG1002:Hits[key] = 1|};
                {|MG1002:Hits[key]++|};
            }
        }

        class Other
        {
            void M() => {|MG1002:Cache.Hits.Remove("x")|};
        }
        """);

    [Fact]
    public Task StaticFieldMutatedInALambda_IsReported() => VerifyAsync("""
        class C
        {
            private static readonly HashSet<int> s_seen = new();

            void M() => Task.Run(() => {|MG1002:s_seen.Add(1)|});
        }
        """);

    [Fact]
    public Task StaticFieldMutatedUnderReadLockOnly_IsReported() => VerifyAsync("""
        class C
        {
            private static readonly ReaderWriterLockSlim s_rw = new();
            private static readonly List<int> s_items = new();

            void M()
            {
                s_rw.EnterReadLock();
                try { {|MG1002:s_items.Add(1)|}; } finally { s_rw.ExitReadLock(); }
            }
        }
        """);

    [Fact]
    public Task StaticConstructorAndInitializers_AreExempt() => VerifyAsync("""
        class C
        {
            private static readonly Dictionary<int, int> s_map = new() { [1] = 1 };
            private static readonly List<int> s_list = Create();

            static C()
            {
                s_map.Add(2, 2);
                s_list.Add(3);
            }

            private static List<int> Create() => new();
        }
        """);

    [Fact]
    public Task LocalFunctionThatTheStaticConstructorOnlyCalls_IsExempt() => VerifyAsync("""
        using System;

        class C
        {
            private static readonly Dictionary<Type, Type[]> s_promotions;

            static C()
            {
                s_promotions = new Dictionary<Type, Type[]>();
                void Add(Type key, params Type[] types) => s_promotions[key] = types;
                void AddTwice(Type key) { Add(key); Add(key, key); }
                Add(typeof(byte), typeof(short));
                AddTwice(typeof(int));
            }
        }
        """);

    [Fact]
    public Task LocalFunctionOfTheStaticConstructorThatBecomesADelegate_IsNotExempt() => VerifyAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            private static readonly List<int> s_items = new();

            static C()
            {
                void Add() => {|MG1002:s_items.Add(1)|};
                void AddLater() => {|MG1002:s_items.Add(2)|};
                Task.Run(Add);
                Action later = () => AddLater();
                later();
            }
        }
        """);

    [Fact]
    public Task HelperThatOnlyAGeneratedStaticConstructorCalls_IsExempt() => Verify.AnalyzerAsync<StaticCollectionAnalyzer>(
    [
        ("Functions.cs", """
            partial class C
            {
                private static readonly Dictionary<int, string> s_builtins = new();

                protected static void AddBuiltin(int key, string name) => s_builtins.Add(key, name);
            }
            """),
        ("Functions.Generated.cs", """
            partial class C
            {
                static C()
                {
                    AddBuiltin(1, "one");
                    AddBuiltin(2, "two");
                }
            }
            """),
    ]);

    [Fact]
    public Task HelperThatGeneratedCodeCallsAtRunTime_IsStillJudgedByItsCallers() => Verify.AnalyzerAsync<StaticCollectionAnalyzer>(
    [
        ("Functions.cs", """
            partial class C
            {
                private static readonly Dictionary<int, string> s_builtins = new();

                protected static void AddBuiltin(int key, string name) => s_builtins.Add(key, name);

                public static void Register(int key) => {|MG1002:AddBuiltin(key, "late")|};
            }
            """),
        ("Functions.Generated.cs", """
            partial class C
            {
                static C() => AddBuiltin(1, "one");
            }
            """),
    ]);

    [Fact]
    public Task PrivateConstructorThatOnlyStaticInitializersCall_IsTypeInitialization() => VerifyAsync("""
        public sealed class CardType
        {
            public static readonly List<CardType> All = [];
            public static readonly CardType Visa = new("visa");
            public static readonly CardType Amex;

            static CardType() => Amex = new CardType("amex");

            private CardType(string name)
            {
                Name = name;
                All.Add(this);
            }

            public string Name { get; }
        }
        """);

    [Fact]
    public Task PrivateConstructorAlsoCalledLater_IsReported() => VerifyAsync("""
        using System;

        public sealed class CardType
        {
            public static readonly List<CardType> All = [];
            public static readonly CardType Visa = new("visa");
            public static readonly Lazy<CardType> Late = new(() => new CardType("late"));

            private CardType(string name) => {|MG1002:All.Add(this)|};
        }

        public sealed class Currency
        {
            public static readonly List<Currency> All = [];
            public static readonly Currency Usd = new("usd");

            private Currency(string code) => {|MG1002:All.Add(this)|};

            public static Currency Custom(string code) => new(code);
        }
        """);

    [Fact]
    public Task StaticConstructorOfAnotherType_IsNotExempt() => VerifyAsync("""
        class A
        {
            internal static readonly List<int> Items = new();
        }

        class B
        {
            static B() => {|MG1002:A.Items.Add(1)|};
        }
        """);

    [Fact]
    public Task ThreadStaticAndThreadLocal_AreExempt() => VerifyAsync("""
        class C
        {
            [ThreadStatic]
            private static List<int> t_perThread;

            private static readonly ThreadLocal<List<int>> s_local = new(() => new List<int>());

            void M()
            {
                (t_perThread ??= new List<int>()).Add(1);
                t_perThread.Add(2);
                s_local.Value.Add(3);
            }
        }
        """);

    [Fact]
    public Task Reads_AreNotReported() => VerifyAsync("""
        class C
        {
            private static readonly Dictionary<int, int> s_map = new();

            int M(int key) => s_map.TryGetValue(key, out int v) ? v : s_map.Count + s_map.Keys.Count;
        }
        """);

    [Fact]
    public Task MutationsInsideEveryKindOfLock_AreNotReported() => VerifyAsync("""
        class C
        {
            private static readonly object s_gate = new();
            private static readonly Lock s_lock = new();
            private static readonly ReaderWriterLockSlim s_rw = new();
            private static readonly List<int> s_items = new();

            void M()
            {
                lock (s_gate) { s_items.Add(1); }
                lock (s_lock) { s_items.Add(2); }
                using (s_lock.EnterScope()) { s_items.Add(3); }
                Monitor.Enter(s_gate);
                try { s_items.Add(4); } finally { Monitor.Exit(s_gate); }
                s_rw.EnterWriteLock();
                try { s_items.Add(5); } finally { s_rw.ExitWriteLock(); }
                lock (s_gate) { _ = s_items.Select(x => { s_items.Add(6); return x; }).ToList(); }
                using var scope = s_lock.EnterScope();
                s_items.Add(7);
            }
        }
        """);

    [Fact]
    public Task ThreadSafeStaticCollections_AreNotReported() => VerifyAsync("""
        class C
        {
            private static readonly ConcurrentDictionary<int, int> s_map = new();
            private static ImmutableList<int> s_list = ImmutableList<int>.Empty;

            void M()
            {
                s_map[1] = 1;
                s_list = s_list.Add(1);
            }
        }
        """);

    [Fact]
    public Task GuardedByStaticField_IsLeftToMG1005() => VerifyAsync("""
        class C
        {
            private static readonly object s_gate = new();

            [GuardedBy(nameof(s_gate))]
            private static readonly List<int> s_items = new();

            void M() { lock (s_gate) { s_items.Add(1); } }
        }
        """);
}
