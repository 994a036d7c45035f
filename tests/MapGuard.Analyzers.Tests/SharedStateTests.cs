using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Tests;

/// <summary>MG1003 (singleton state) and MG1004 (inconsistent locking).</summary>
public sealed class SharedStateTests
{
    private const string DiUsings = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;
        using Microsoft.Extensions.Hosting;

        """;

    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.AnalyzerAsync<SharedStateAnalyzer>(DiUsings + source, expected);

    private const string Service = """
        class Sessions
        {
            private readonly Dictionary<string, int> _byUser = new();

            public Sessions() => _byUser.Add("boot", 0);

            public void Open(string user) => {|MG1003:_byUser[user] = 1|};

            public bool IsOpen(string user) => _byUser.ContainsKey(user);
        }

        interface ISessions { }

        class SessionsImpl : Sessions, ISessions { }

        class Unrelated { }

        """;

    // ---- MG1003 ----

    [Theory]
    [InlineData("services.AddSingleton<Sessions>();")]
    [InlineData("services.AddSingleton<ISessions, SessionsImpl>();")]
    [InlineData("services.AddSingleton(typeof(Sessions));")]
    [InlineData("services.AddSingleton(typeof(ISessions), typeof(SessionsImpl));")]
    [InlineData("services.AddSingleton<ISessions>(sp => new SessionsImpl());")]
    [InlineData("services.AddSingleton<ISessions, SessionsImpl>(sp => new SessionsImpl());")]
    [InlineData("services.AddSingleton(typeof(ISessions), sp => new SessionsImpl());")]
    [InlineData("services.AddSingleton(new Sessions());")]
    [InlineData("services.AddSingleton(typeof(Sessions), new Sessions());")]
    [InlineData("services.TryAddSingleton<Sessions>();")]
    [InlineData("services.AddKeyedSingleton<Sessions>(\"key\");")]
    public Task EveryAddSingletonOverload_MakesTheTypeASingleton(string registration) => VerifyAsync(Service + $$"""
        static class Startup
        {
            public static void Configure(IServiceCollection services) => {{registration}}
        }
        """);

    [Fact]
    public Task AddHostedService_MakesTheTypeASingleton_WithMessage() => VerifyAsync(
        """
        class Worker : BackgroundService
        {
            private readonly List<string> _log = new();

            protected override Task ExecuteAsync(CancellationToken stoppingToken)
            {
                {|#0:_log.Add("tick")|};
                return Task.CompletedTask;
            }
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddHostedService<Worker>();
        }
        """,
        Expect.Diagnostic(DiagnosticIds.SingletonCollectionMutated, DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithArguments("_log", "List<string>", "Worker", "AddHostedService", ""));

    [Fact]
    public Task RegistrationInAnotherFileOfTheCompilation_IsFound() => Verify.AnalyzerAsync<SharedStateAnalyzer>(DiUsings + """
        class Store
        {
            private readonly List<int> _items = new();

            public void Add(int x) => {|MG1003:_items.Add(x)|};
        }

        partial class Program
        {
            static void Main() => new ServiceCollection().AddSingleton<Store>();
        }
        """);

    [Theory]
    [InlineData("services.AddScoped<Sessions>(); services.AddTransient<SessionsImpl>();")]
    [InlineData("services.AddSingleton<Unrelated>(); services.AddScoped<ISessions, SessionsImpl>();")]
    [InlineData("")]
    public Task ScopedTransientOrUnregisteredTypes_AreNeverShared(string registration) => VerifyAsync(Service.Replace("{|MG1003:_byUser[user] = 1|}", "_byUser[user] = 1", StringComparison.Ordinal) + $$"""
        static class Startup
        {
            public static void Configure(IServiceCollection services) { {{registration}} }
        }
        """);

    [Fact]
    public Task SingletonMutationsInsideLocks_AndInTheConstructor_AreNotReported() => VerifyAsync("""
        class Store
        {
            private readonly Lock _lock = new();
            private readonly Dictionary<int, int> _items = new();
            private readonly ConcurrentDictionary<int, int> _safe = new();

            public Store() { _items.Add(0, 0); }

            public void Add(int x)
            {
                lock (_lock) { _items[x] = x; }
                _safe[x] = x;
            }

            public int Count => _items.Count;
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddSingleton<Store>();
        }
        """);

    [Fact]
    public Task SingletonFieldOfAnotherInstance_IsNotFollowed() => VerifyAsync("""
        class Node
        {
            private readonly List<Node> _children = new();

            public void Adopt(Node other) => other._children.Add(this);
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddSingleton<Node>();
        }
        """);

    // ---- MG1004 ----

    [Fact]
    public Task MutatedUnderALockAndWithoutIt_ReportsTheUnlockedOnesWithTheLockName() => VerifyAsync(
        """
        class Inventory
        {
            private readonly object _gate = new();
            private readonly Dictionary<string, int> _stock = new();

            public void Add(string sku) { lock (_gate) { _stock[sku] = 1; } }

            public void Remove(string sku) => {|#0:_stock.Remove(sku)|};

            public void Reset() => {|#1:_stock.Clear()|};
        }
        """,
        Expect.Diagnostic(DiagnosticIds.InconsistentLocking, DiagnosticSeverity.Warning).WithLocation(0).WithArguments("_stock", "_gate", ""),
        Expect.Diagnostic(DiagnosticIds.InconsistentLocking, DiagnosticSeverity.Warning).WithLocation(1).WithArguments("_stock", "_gate", ""));

    [Fact]
    public Task InconsistentLockingOfASingleton_IsReportedOnceAsMG1004() => VerifyAsync("""
        class Store
        {
            private readonly Lock _lock = new();
            private readonly List<int> _items = new();

            public void Add(int x) { using (_lock.EnterScope()) { _items.Add(x); } }

            public void Drop() => {|MG1004:_items.Clear()|};
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddSingleton<Store>();
        }
        """);

    [Fact]
    public Task MonitorAndReaderWriterWriteLocks_CountAsLocked() => VerifyAsync("""
        class C
        {
            private readonly object _gate = new();
            private readonly ReaderWriterLockSlim _rw = new();
            private readonly List<int> _items = new();

            public void A(int x)
            {
                Monitor.Enter(_gate);
                try { _items.Add(x); } finally { Monitor.Exit(_gate); }
            }

            public void B(int x)
            {
                _rw.EnterWriteLock();
                try { _items.Remove(x); } finally { _rw.ExitWriteLock(); }
            }

            public void C2(int x)
            {
                _rw.EnterReadLock();
                try { {|MG1004:_items.Insert(0, x)|}; } finally { _rw.ExitReadLock(); }
            }
        }
        """);

    [Fact]
    public Task AlwaysLocked_OrNeverLocked_OrOnlyReadOutsideTheLock_IsNotReported() => VerifyAsync("""
        class Always
        {
            private readonly object _gate = new();
            private readonly List<int> _items = new();

            public Always() => _items.Add(0);

            public void Add(int x) { lock (_gate) { _items.Add(x); } }

            public int Count => _items.Count;

            public bool Has(int x) => _items.Contains(x);
        }

        class Never
        {
            private readonly List<int> _items = new();

            public void Add(int x) => _items.Add(x);

            public void Clear() => _items.Clear();
        }
        """);

    [Fact]
    public Task GuardedByFields_AreLeftToMG1005() => VerifyAsync("""
        class C
        {
            private readonly object _gate = new();

            [GuardedBy(nameof(_gate))]
            private readonly List<int> _items = new();

            public void Add(int x) { lock (_gate) { _items.Add(x); } }
        }
        """);
}
