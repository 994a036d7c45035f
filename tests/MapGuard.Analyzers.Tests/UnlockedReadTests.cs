using MapGuard.Analyzers.CodeFixes;
using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Tests;

/// <summary>MG1007 (opt-in): the double-checked lookup, and its fixes.</summary>
public sealed class UnlockedReadTests
{
    [Fact]
    public Task ReadInAMemberDocumentedAsNotThreadSafe_IsNotReported_ButAnUndocumentedOneIs() => Verify.AnalyzerAsync<UnlockedReadAnalyzer>(
        """
        sealed class Scope
        {
            private readonly object _sync = new();
            private readonly List<object> _disposables = new();

            public void Register(object item)
            {
                lock (_sync)
                {
                    _disposables.Add(item);
                }
            }

            /// <summary>A copy of the registered items.</summary>
            /// <remarks><b>Thread safety:</b> This method is <b>not</b>
            /// thread safe and should not be used with any of the thread-safe methods.</remarks>
            public object[] GetAll() => _disposables.ToArray();

            /// <summary>The number of registered items; not thread-safe.</summary>
            public int Count => _disposables.Count;

            /// <summary>A copy of the registered items.</summary>
            public object[] Snapshot() => {|#0:_disposables.ToArray()|};
        }
        """,
        Expect.Diagnostic(DiagnosticIds.UnlockedRead, DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("_disposables", "List<object>", "_sync", ""));

    [Fact]
    public Task DoubleCheckedLookupOnAStaticDictionary_IsReported() => Verify.AnalyzerAsync<UnlockedReadAnalyzer>(
        """
        static class Cache
        {
            private static readonly object s_gate = new();
            private static readonly Dictionary<string, int> s_lengths = new();

            public static int Length(string key)
            {
                if ({|#0:s_lengths.TryGetValue(key, out int value)|})
                {
                    return value;
                }

                lock (s_gate)
                {
                    if (!s_lengths.TryGetValue(key, out value))
                    {
                        value = key.Length;
                        s_lengths[key] = value;
                    }

                    return value;
                }
            }
        }
        """,
        Expect.Diagnostic(DiagnosticIds.UnlockedRead, DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("s_lengths", "Dictionary<string, int>", "s_gate", ""));

    [Fact]
    public Task ReadsInsideTheLock_UnderAReadLock_InLockedHelpers_OrOfUnlockedCollections_AreNotReported() => Verify.AnalyzerAsync<UnlockedReadAnalyzer>("""
        class Index
        {
            private readonly object _gate = new();
            private readonly ReaderWriterLockSlim _rw = new();
            private readonly Dictionary<string, int> _locked = new();
            private readonly Dictionary<string, int> _rwMap = new();
            private readonly Dictionary<string, int> _neverLocked = new();
            private readonly Dictionary<string, int> _builtOnce;

            public Index() => _builtOnce = new() { ["a"] = 1 };

            public void Put(string key)
            {
                lock (_gate) { _locked[key] = 1; }
                _rw.EnterWriteLock();
                try { _rwMap[key] = 1; } finally { _rw.ExitWriteLock(); }
                _neverLocked[key] = 1;
            }

            public bool Has(string key)
            {
                lock (_gate) { return Peek(key); }
            }

            public bool HasRw(string key)
            {
                _rw.EnterReadLock();
                try { return _rwMap.ContainsKey(key); } finally { _rw.ExitReadLock(); }
            }

            private bool Peek(string key) => _locked.ContainsKey(key);

            public int Unlocked(string key) => _neverLocked.Count + _builtOnce.Count;
        }
        """);

    [Fact]
    public Task HashtableReads_AndCountReads_AreNotReported() => Verify.AnalyzerAsync<UnlockedReadAnalyzer>("""
        static class TypeCache
        {
            private static readonly Hashtable s_byType = new();
            private static readonly Dictionary<Type, int> s_sizes = new();

            public static object Get(Type type) => s_byType[type];

            public static int Count => s_sizes.Count;

            public static void Put(Type type, object value)
            {
                lock (s_byType) { s_byType[type] = value; }
                lock (s_byType) { s_sizes[type] = 1; }
            }
        }
        """);

    [Fact]
    public Task RecursiveCallsUnderTheLock_DoNotMoveTheReportOffTheUnlockedRead() => Verify.AnalyzerAsync<UnlockedReadAnalyzer>("""
        static class Ctors
        {
            private static readonly Dictionary<Type, object> s_cache = new();

            internal static object Create(Type type)
            {
                if ({|MG1007:s_cache.TryGetValue(type, out var made)|}) return made;
                lock (s_cache)
                {
                    if (type.IsInterface) return Create(typeof(List<int>));
                    s_cache.Add(type, made = new object());
                    return made;
                }
            }

            internal static object Make() => Create(typeof(string));
        }
        """);

    [Fact]
    public void IsOptIn_DisabledUntilConfigured() => Assert.False(new UnlockedReadAnalyzer().SupportedDiagnostics[0].IsEnabledByDefault);

    [Fact]
    public Task WrapInLockFix_MovesTheReadIntoTheWritersLock() =>
        Verify.CodeFixAsync<UnlockedReadAnalyzer, WrapInLockCodeFixProvider>(
            """
            static class Cache
            {
                private static readonly object s_gate = new();
                private static readonly Dictionary<string, int> s_lengths = new();

                public static void Put(string key)
                {
                    lock (s_gate)
                    {
                        s_lengths[key] = key.Length;
                    }
                }

                public static bool Has(string key)
                {
                    return {|MG1007:s_lengths.ContainsKey(key)|};
                }
            }
            """,
            """
            static class Cache
            {
                private static readonly object s_gate = new();
                private static readonly Dictionary<string, int> s_lengths = new();

                public static void Put(string key)
                {
                    lock (s_gate)
                    {
                        s_lengths[key] = key.Length;
                    }
                }

                public static bool Has(string key)
                {
                    lock (s_gate)
                    {
                        return s_lengths.ContainsKey(key);
                    }
                }
            }
            """);

    [Fact]
    public Task UseConcurrentDictionaryFix_SwitchesTheField() =>
        Verify.CodeFixAsync<UnlockedReadAnalyzer, UseConcurrentDictionaryCodeFixProvider>(
            """
            class Cache
            {
                private readonly object _gate = new();
                private readonly Dictionary<string, int> _lengths = new();

                public void Put(string key)
                {
                    lock (_gate)
                    {
                        _lengths[key] = key.Length;
                    }
                }

                public bool Has(string key) => {|MG1007:_lengths.ContainsKey(key)|};
            }
            """,
            """
            class Cache
            {
                private readonly object _gate = new();
                private readonly ConcurrentDictionary<string, int> _lengths = new();

                public void Put(string key)
                {
                    lock (_gate)
                    {
                        _lengths[key] = key.Length;
                    }
                }

                public bool Has(string key) => _lengths.ContainsKey(key);
            }
            """);
}
