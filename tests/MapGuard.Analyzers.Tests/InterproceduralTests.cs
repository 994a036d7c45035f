using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Tests;

/// <summary>
/// A helper judged by its callers: a private or internal method whose every call site holds a lock runs under it;
/// when only some call sites hold it, the others are reported instead of the helper's body. Constructors before
/// <c>this</c> escapes and configuration-time code (IServiceCollection, IHostBuilder) are set-up, not shared use.
/// </summary>
public sealed class InterproceduralTests
{
    private const string DiUsings = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    [Fact]
    public Task PrivateHelperCalledOnlyInsideTheLock_IsNotReported() => Verify.AnalyzerAsync<SharedStateAnalyzer>("""
        class Scanner
        {
            private readonly object _sync = new();
            private readonly List<int> _pending = new();

            public void Add(int x)
            {
                lock (_sync) { _pending.Add(x); }
            }

            public bool Next()
            {
                lock (_sync) { return TryScanNext(); }
            }

            private bool TryScanNext()
            {
                if (_pending.Count == 0) return false;
                _pending.RemoveAt(0);
                return true;
            }
        }
        """);

    [Fact]
    public Task HelperCalledOnlyFromALockedHelper_IsNotReported() => Verify.AnalyzerAsync<StaticCollectionAnalyzer>("""
        static class Registry
        {
            private static readonly object s_gate = new();
            private static readonly Dictionary<string, int> s_map = new();

            public static void Register(string name)
            {
                lock (s_gate) { Outer(name); }
            }

            private static void Outer(string name) => Inner(name);

            private static void Inner(string name) => s_map[name] = 1;
        }
        """);

    [Fact]
    public Task HelperCalledWithAndWithoutTheLock_IsReportedAtTheUnlockedCallSite() => Verify.AnalyzerAsync<SharedStateAnalyzer>(
        """
        class Scanner
        {
            private readonly object _sync = new();
            private readonly List<int> _pending = new();

            public void Add(int x)
            {
                lock (_sync) { _pending.Add(x); }
            }

            public void Locked()
            {
                lock (_sync) { Drop(); }
            }

            public void Unlocked() => {|#0:Drop()|};

            private void Drop() => _pending.Clear();
        }
        """,
        Expect.Diagnostic(DiagnosticIds.InconsistentLocking, DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("_pending", "_sync", " (by 'Drop', called here without the protection its other callers have)"));

    [Fact]
    public Task StaticHelperCalledWithAndWithoutTheLock_IsReportedAtTheUnlockedCallSite() => Verify.AnalyzerAsync<StaticCollectionAnalyzer>("""
        static class Registry
        {
            private static readonly object s_gate = new();
            private static readonly List<string> s_names = new();

            public static void Safe(string name)
            {
                lock (s_gate) { Add(name); }
            }

            public static void Unsafe(string name) => {|MG1002:Add(name)|};

            private static void Add(string name) => s_names.Add(name);
        }
        """);

    [Fact]
    public Task DeadMethodsOfATypeInUse_AreNotReported_ButOneThatAContractReachesIs() => Verify.AnalyzerAsync<SharedStateAnalyzer>(
        """
        interface IReset
        {
            void Reset();
        }

        class Scheduler : IReset
        {
            private readonly object _sync = new();
            private readonly List<object> _holdToPreventGc = new();

            public void Start(object job)
            {
                lock (_sync) { _holdToPreventGc.Add(job); }
            }

            public void AddNoGcObject(object item) => _holdToPreventGc.Add(item);    // nothing calls it

            public void RemoveNoGcObject(object item) => Forget(item);              // nor this

            private void Forget(object item) => _holdToPreventGc.Remove(item);      // called only from dead code

            public void Reset() => {|#0:_holdToPreventGc.Clear()|};                 // reachable through IReset
        }

        class Host
        {
            private readonly Scheduler _scheduler = new();

            public void Run(object job) => _scheduler.Start(job);
        }
        """,
        Expect.Diagnostic(DiagnosticIds.InconsistentLocking, DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("_holdToPreventGc", "_sync", ""));

    [Fact]
    public Task UncalledMethodsOfAPublicType_AreStillReported() => Verify.AnalyzerAsync<SharedStateAnalyzer>(
        """
        public class Scheduler
        {
            private readonly object _sync = new();
            private readonly List<object> _holdToPreventGc = new();

            public void Start(object job)
            {
                lock (_sync) { _holdToPreventGc.Add(job); }
            }

            public void AddNoGcObject(object item) => {|#0:_holdToPreventGc.Add(item)|};
        }

        class Host
        {
            private readonly Scheduler _scheduler = new();

            public void Run(object job) => _scheduler.Start(job);
        }
        """,
        Expect.Diagnostic(DiagnosticIds.InconsistentLocking, DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("_holdToPreventGc", "_sync", ""));

    [Fact]
    public Task PublicHelper_IsStillReported_BecauseCallersOutsideTheCompilationHoldNothing() => Verify.AnalyzerAsync<StaticCollectionAnalyzer>("""
        public static class Registry
        {
            private static readonly object s_gate = new();
            private static readonly List<string> s_names = new();

            public static void Safe(string name)
            {
                lock (s_gate) { Add(name); }
            }

            public static void Add(string name) => {|MG1002:s_names.Add(name)|};
        }
        """);

    [Fact]
    public Task HelperPassedAsADelegate_IsStillReported() => Verify.AnalyzerAsync<StaticCollectionAnalyzer>("""
        static class Registry
        {
            private static readonly object s_gate = new();
            private static readonly List<string> s_names = new();

            public static void Safe(string name)
            {
                lock (s_gate) { Add(name); }
            }

            public static Action<string> Escape() => Add;

            private static void Add(string name) => {|MG1002:s_names.Add(name)|};
        }
        """);

    [Fact]
    public Task HelperCalledOnlyFromTheConstructorBeforeThisEscapes_IsNotReported() => Verify.AnalyzerAsync<SharedStateAnalyzer>(DiUsings + """
        class Catalog
        {
            private readonly Dictionary<string, int> _items = new();

            public Catalog()
            {
                Load();
            }

            private void Load() => _items["default"] = 0;

            public int Count => _items.Count;
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddSingleton<Catalog>();
        }
        """);

    [Fact]
    public Task HelperCalledFromTheConstructorAfterThisEscapes_IsReported() => Verify.AnalyzerAsync<SharedStateAnalyzer>(DiUsings + """
        class Catalog
        {
            private readonly Dictionary<string, int> _items = new();

            public Catalog()
            {
                Task.Run(() => Console.WriteLine(_items.Count));
                Load();
            }

            private void Load() => {|MG1003:_items["default"] = 0|};
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddSingleton<Catalog>();
        }
        """);

    [Fact]
    public Task SingletonFilledOnlyFromAnIServiceCollectionExtension_IsNotReported() => Verify.AnalyzerAsync<SharedStateAnalyzer>(DiUsings + """
        public sealed class HandlerRegistry
        {
            private readonly Dictionary<string, Type> _handlers = new();

            public void Register(string name, Type handler) => _handlers[name] = handler;

            public Type Find(string name) => _handlers[name];
        }

        public static class HandlerServiceCollectionExtensions
        {
            public static IServiceCollection AddHandlers(this IServiceCollection services)
            {
                var registry = new HandlerRegistry();
                services.AddSingleton(registry);
                registry.Register("ping", typeof(object));
                return services;
            }
        }
        """);

    [Fact]
    public Task StaticRegistryFilledOnlyFromHostBuilderConfiguration_IsNotReported() => Verify.AnalyzerAsync<StaticCollectionAnalyzer>(DiUsings + """
        static class Plugins
        {
            private static readonly List<string> s_names = new();

            public static void Add(string name) => s_names.Add(name);

            public static IReadOnlyList<string> Names => s_names;
        }

        static class Program
        {
            public static IHostBuilder Configure(IHostBuilder host)
            {
                Plugins.Add("core");
                return host;
            }
        }
        """);

    [Fact]
    public Task SingletonAlsoMutatedAtRequestTime_IsReportedAtTheRequestCallSite() => Verify.AnalyzerAsync<SharedStateAnalyzer>(DiUsings + """
        public sealed class HandlerRegistry
        {
            private readonly Dictionary<string, Type> _handlers = new();

            public void Register(string name, Type handler) => {|MG1003:_handlers[name] = handler|};
        }

        public static class HandlerServiceCollectionExtensions
        {
            public static IServiceCollection AddHandlers(this IServiceCollection services)
            {
                var registry = new HandlerRegistry();
                services.AddSingleton(registry);
                registry.Register("ping", typeof(object));
                return services;
            }
        }

        public sealed class Endpoint
        {
            private readonly HandlerRegistry _registry;

            public Endpoint(HandlerRegistry registry) => _registry = registry;

            public void Handle(string name) => _registry.Register(name, typeof(string));
        }
        """);

    [Fact]
    public Task ClearingInDispose_IsTearDown_NotReported() => Verify.AnalyzerAsync<SharedStateAnalyzer>("""
        sealed class Monitor2 : IDisposable
        {
            private readonly Dictionary<int, string> _open = new();

            public void Open(int id)
            {
                lock (_open) { _open[id] = "open"; }
            }

            public void Dispose() => _open.Clear();
        }
        """);

    [Fact]
    public Task ProtectedOverrideThatTheBaseClassCallsUnderItsLock_IsNotReported() => Verify.AnalyzerAsync<SharedStateAnalyzer>("""
        abstract class Target
        {
            protected readonly object SyncRoot = new();

            public void WriteAsync(string line)
            {
                lock (SyncRoot) { Write(line); }
            }

            public void Close()
            {
                lock (SyncRoot) { CloseTarget(); }
            }

            protected abstract void Write(string line);

            protected virtual void CloseTarget() { }
        }

        sealed class FileTarget : Target
        {
            private readonly Dictionary<string, int> _open = new();

            public void Flush()
            {
                lock (SyncRoot) { _open.Clear(); }
            }

            protected override void Write(string line) => _open[line] = 1;

            protected override void CloseTarget() => _open.Clear();
        }
        """);

    [Fact]
    public Task PublicOverride_IsStillReported() => Verify.AnalyzerAsync<SharedStateAnalyzer>("""
        abstract class Factory
        {
            public abstract void Clear();
        }

        sealed class Renderers : Factory
        {
            private readonly object _sync = new();
            private readonly Dictionary<string, int> _byName = new();

            public void Register(string name)
            {
                lock (_sync) { _byName[name] = 1; }
            }

            public override void Clear() => {|MG1004:_byName.Clear()|};
        }
        """);

    [Fact]
    public Task MethodsNamedForACallerHeldLock_AreNotReported_ButOtherUnlockedOnesAre() => Verify.AnalyzerAsync<SharedStateAnalyzer>("""
        public sealed class SynchronizedMap
        {
            private readonly object _gate = new();
            private readonly Dictionary<string, int> _items = new();

            public void Add(string key)
            {
                lock (_gate) { _items[key] = 1; }
            }

            public void AddOrUpdateWithoutTakingLock(string key) => _items[key] = 2;

            public void RemoveLocked(string key) => _items.Remove(key);

            public void RemoveUnlocked(string key) => {|MG1004:_items.Remove(key)|};
        }
        """);

    [Fact]
    public Task InterfaceMethodCalledUnderTheLock_CoversItsImplementation() => Verify.AnalyzerAsync<SharedStateAnalyzer>("""
        interface IFactory
        {
            void Clear();
        }

        internal class FactoryBase : IFactory
        {
            public virtual void Clear() { }
        }

        internal sealed class Renderers : FactoryBase
        {
            internal static readonly object SyncRoot = new();
            private readonly Dictionary<string, int> _byName = new();

            public void Register(string name)
            {
                lock (SyncRoot) { _byName[name] = 1; }
            }

            public override void Clear() => _byName.Clear();
        }

        internal sealed class Factories
        {
            private readonly List<IFactory> _all = new();

            public void ClearAll()
            {
                lock (Renderers.SyncRoot)
                {
                    foreach (IFactory factory in _all) factory.Clear();
                }
            }
        }
        """);
}
