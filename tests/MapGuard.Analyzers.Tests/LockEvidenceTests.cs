using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Tests;

/// <summary>
/// MG1004 reports an unlocked mutation only when another mutation shows that the author treats the field as shared:
/// one under a lock of the same instance, on code that runs where it stands. Each negative case is a shape that was
/// reported falsely on real code (the project is named); the positive case next to it keeps the race it resembles.
/// </summary>
public sealed class LockEvidenceTests
{
    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.AnalyzerAsync<SharedStateAnalyzer>(source, expected);

    // log4net's XmlHierarchyConfigurator: a per-call object whose helper runs under `lock (root)`, a logger it reads
    // from elsewhere, on one path and without it on another.
    [Fact]
    public Task ALockOnAnotherObject_IsNoEvidenceTheFieldIsShared() => VerifyAsync("""
        class Logger { }

        class Hierarchy
        {
            public Logger Root { get; } = new();
        }

        class Configurator
        {
            private readonly Hierarchy _hierarchy;
            private readonly Dictionary<string, int> _bag = new();

            public Configurator(Hierarchy hierarchy) => _hierarchy = hierarchy;

            public void ParseRoot()
            {
                Logger root = _hierarchy.Root;
                lock (root) { Find("root"); }
            }

            public void ParseLogger(Logger log)
            {
                lock (log) { _bag["direct"] = 0; }
            }

            public void ParseAppender() => Find("appender");

            private void Find(string name) => _bag[name] = 1;
        }
        """);

    [Fact]
    public Task ALockOfTheSameInstance_IsEvidence_AndTheUnlockedCallIsReported() => VerifyAsync("""
        class Configurator
        {
            private readonly object _sync = new();
            private readonly Dictionary<string, int> _bag = new();

            public void ParseRoot()
            {
                lock (_sync) { Find("root"); }
            }

            public void ParseAppender() => {|#0:Find("appender")|};

            private void Find(string name) => _bag[name] = 1;
        }
        """,
        Expect.Diagnostic(DiagnosticIds.InconsistentLocking, DiagnosticSeverity.Warning).WithLocation(0).WithArguments("_bag", "_sync", " (by 'Find', called here without the protection its other callers have)"));

    [Fact]
    public Task ThisAStaticLockAndTheCollectionItself_AreLocksOfTheSameInstance() => VerifyAsync("""
        class OnThis
        {
            private readonly List<int> _items = new();

            public void Add(int x) { lock (this) { _items.Add(x); } }

            public void Clear() => {|MG1004:_items.Clear()|};
        }

        class OnStatic
        {
            private static readonly object s_gate = new();
            private readonly List<int> _items = new();

            public void Add(int x) { lock (s_gate) { _items.Add(x); } }

            public void Clear() => {|MG1004:_items.Clear()|};
        }

        class OnItself
        {
            private readonly List<int> _items = new();

            public void Add(int x) { lock (_items) { _items.Add(x); } }

            public void Clear() => {|MG1004:_items.Clear()|};
        }
        """);

    // Quartz's QuartzScheduler.Shutdown: called by a factory under the factory's own semaphore on one path and without
    // it on another; no code of the scheduler locks its list.
    [Fact]
    public Task ACallerInAnotherTypeHoldingItsOwnLock_IsNoEvidence() => VerifyAsync("""
        class Scheduler
        {
            private readonly List<object> _hold = new();

            internal void Shutdown() => _hold.Clear();
        }

        class Factory
        {
            private readonly SemaphoreSlim _semaphore = new(1, 1);

            public async Task CreateAsync(Scheduler scheduler)
            {
                await _semaphore.WaitAsync();
                try { scheduler.Shutdown(); } finally { _semaphore.Release(); }
            }

            public void Fail(Scheduler scheduler) => scheduler.Shutdown();
        }
        """);

    [Fact]
    public Task ACallerOnThisHoldingTheInstancesLock_IsEvidence() => VerifyAsync("""
        class Scheduler
        {
            private readonly SemaphoreSlim _semaphore = new(1, 1);
            private readonly List<object> _hold = new();

            public async Task StopAsync()
            {
                await _semaphore.WaitAsync();
                try { Shutdown(); } finally { _semaphore.Release(); }
            }

            public void Abort() => {|#0:Shutdown()|};

            private void Shutdown() => _hold.Clear();
        }
        """,
        Expect.Diagnostic(DiagnosticIds.InconsistentLocking, DiagnosticSeverity.Warning).WithLocation(0).WithArguments("_hold", "_semaphore", " (by 'Shutdown', called here without the protection its other callers have)"));

    // LightInject's CreateEmitMethodWrapper: the dependency stack is pushed in a lambda the method returns; the
    // container invokes it later, under its lock.
    [Fact]
    public Task AMutationInAStoredLambda_IsNotJudged() => VerifyAsync("""
        class Container
        {
            private readonly object _lock = new();
            private readonly Stack<int> _stack = new();
            private Action<int>? _onEmit;
            private event Action<int>? Emitted;

            public void Emit(int x)
            {
                lock (_lock)
                {
                    _stack.Clear();
                    Wrap()(x);
                    _onEmit?.Invoke(x);
                    Emitted?.Invoke(x);
                }
            }

            public void Configure()
            {
                _onEmit = x => _stack.Push(x);
                Emitted += x => { _stack.Push(x); };
                Action<int> local = x => _stack.Push(x);
                local(1);
            }

            private Action<int> Wrap() => x =>
            {
                _stack.Push(x);
                try { } finally { _stack.Pop(); }
            };
        }
        """);

    [Fact]
    public Task AMutationInALambdaHandedToACall_IsStillJudged() => VerifyAsync("""
        class Container
        {
            private readonly object _lock = new();
            private readonly Stack<int> _stack = new();

            public void Emit(int x) { lock (_lock) { _stack.Push(x); } }

            public Task Later(int x) => Task.Run(() => {|MG1004:_stack.Push(x)|});

            public void Each(List<int> xs) => xs.ForEach(x => {|MG1004:_stack.Push(x)|});
        }
        """);

    // Castle.Core's SingletonDispenser: a protected indexer setter that nothing in the library calls; only a subclass
    // elsewhere could, under locks the analysis cannot see.
    [Fact]
    public Task AProtectedMemberNothingInTheCompilationUses_IsNotJudged() => VerifyAsync("""
        public class Dispenser
        {
            private readonly ReaderWriterLockSlim _locker = new();
            private readonly Dictionary<int, object> _items = new();

            public object this[int key]
            {
                get => GetOrCreate(key);
                protected set => _items[key] = value;
            }

            protected void Seed(int key) => _items[key] = key;

            private object GetOrCreate(int key)
            {
                _locker.EnterWriteLock();
                try { return _items[key] = new object(); } finally { _locker.ExitWriteLock(); }
            }
        }

        public class Reader
        {
            public object First(Dispenser dispenser) => dispenser[1];
        }
        """);

    [Fact]
    public Task AProtectedMemberTheCompilationUses_OrAPublicOne_IsJudged() => VerifyAsync("""
        public class Dispenser
        {
            private readonly ReaderWriterLockSlim _locker = new();
            private readonly Dictionary<int, object> _items = new();

            public object this[int key]
            {
                get => GetOrCreate(key);
                protected set => {|MG1004:_items[key] = value|};
            }

            public void Put(int key) => {|MG1004:_items[key] = key|};

            private object GetOrCreate(int key)
            {
                _locker.EnterWriteLock();
                try { return _items[key] = new object(); } finally { _locker.ExitWriteLock(); }
            }
        }

        public class Preloaded : Dispenser
        {
            public void Load(int key) => this[key] = key;
        }
        """);

    // Castle.Core's XmlTypeSerializerCache: a subclass's private constructor seeds the base's table through the
    // protected indexer setter before the instance is shared. An accessor is a call like any other.
    [Fact]
    public Task AProtectedSetterRunOnlyByASubclassConstructor_IsSetUp_ButALaterCallIsReported() => VerifyAsync("""
        public class Dispenser
        {
            private readonly ReaderWriterLockSlim _locker = new();
            private readonly Dictionary<int, object> _items = new();

            public object this[int key]
            {
                get => GetOrCreate(key);
                protected set => _items[key] = value;
            }

            private object GetOrCreate(int key)
            {
                _locker.EnterWriteLock();
                try { return _items[key] = new object(); } finally { _locker.ExitWriteLock(); }
            }
        }

        internal sealed class Seeded : Dispenser
        {
            public static readonly Seeded Instance = new();

            private Seeded()
            {
                this[0] = "zero";
                this[1] = "one";
            }
        }

        internal sealed class Reseeded : Dispenser
        {
            public Reseeded() => this[0] = "zero";

            public void Reset() => {|#0:this[0]|} = "again";
        }
        """,
        Expect.Diagnostic(DiagnosticIds.InconsistentLocking, DiagnosticSeverity.Warning).WithLocation(0).WithArguments("_items", "_locker", " (by 'this[]', called here without the protection its other callers have)"));

    // NetMQ's SocketBase: Lock() and Unlock() wrap `if (m_threadSafe) Monitor.Enter/Exit(m_threadSafeSync)`. The region
    // between them is protected (ClearSignalers), but a lock taken only for thread-safe sockets is no evidence that a
    // field is shared: the socket's other paths run on its one owning thread.
    [Fact]
    public Task AConditionalLockWrapper_Protects_ButIsNoEvidence() => VerifyAsync("""
        class Socket
        {
            private readonly object _sync = new();
            private readonly bool _threadSafe;
            private readonly List<int> _signalers = new();
            private readonly List<int> _pipes = new();

            public Socket(bool threadSafe) => _threadSafe = threadSafe;

            public void AddSignaler(int signaler)
            {
                lock (_sync) { _signalers.Add(signaler); }
            }

            public void Close()
            {
                Lock();
                try { _signalers.Clear(); } finally { Unlock(); }
            }

            public void Attach(int pipe)
            {
                Lock();
                try { _pipes.Add(pipe); } finally { Unlock(); }
            }

            public void ProcessTerm(int pipe) => _pipes.Remove(pipe);

            private void Lock()
            {
                if (_threadSafe)
                    Monitor.Enter(_sync);
            }

            private void Unlock()
            {
                if (_threadSafe)
                    Monitor.Exit(_sync);
            }
        }
        """);

    [Fact]
    public Task AConditionalLockWrapper_IsNoEvidenceForUnlockedReadsEither() => Verify.AnalyzerAsync<UnlockedReadAnalyzer>("""
        class Dish
        {
            private readonly object _sync = new();
            private readonly bool _threadSafe;
            private readonly object _gate = new();
            private readonly HashSet<string> _subscriptions = new();
            private readonly HashSet<string> _groups = new();

            public Dish(bool threadSafe) => _threadSafe = threadSafe;

            public void Join(string group)
            {
                Lock();
                try { _subscriptions.Add(group); } finally { Unlock(); }
            }

            public void Attach() { foreach (string s in _subscriptions) { Console.WriteLine(s); } }

            public void Add(string group) { lock (_gate) { _groups.Add(group); } }

            public bool Has(string group) => {|MG1007:_groups.Contains(group)|};

            private void Lock()
            {
                if (_threadSafe)
                    Monitor.Enter(_sync);
            }

            private void Unlock()
            {
                if (_threadSafe)
                    Monitor.Exit(_sync);
            }
        }
        """);

    [Fact]
    public Task AnUnconditionalLockWrapper_IsEvidence_AndOnlyItsRegionIsProtected() => VerifyAsync("""
        class Socket
        {
            private readonly object _sync = new();
            private readonly List<int> _pipes = new();

            public void Attach(int pipe)
            {
                Lock();
                try { _pipes.Add(pipe); } finally { Unlock(); }
            }

            public void AfterUnlock(int pipe)
            {
                Lock();
                Unlock();
                {|#0:_pipes.Remove(pipe)|};
            }

            public void NotAWrapper(int pipe)
            {
                EnterAndLog();
                {|#1:_pipes.Remove(pipe)|};
                Monitor.Exit(_sync);
            }

            private void Lock() => Monitor.Enter(_sync);

            private void Unlock() => Monitor.Exit(_sync);

            private void EnterAndLog()
            {
                Monitor.Enter(_sync);
                Console.WriteLine("entered");
            }
        }
        """,
        Expect.Diagnostic(DiagnosticIds.InconsistentLocking, DiagnosticSeverity.Warning).WithLocation(0).WithArguments("_pipes", "_sync", ""),
        Expect.Diagnostic(DiagnosticIds.InconsistentLocking, DiagnosticSeverity.Warning).WithLocation(1).WithArguments("_pipes", "_sync", ""));
}
