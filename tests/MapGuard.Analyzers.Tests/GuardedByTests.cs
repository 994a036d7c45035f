using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Tests;

/// <summary>MG1005 (access without the lock) and MG1006 (invalid lock name).</summary>
public sealed class GuardedByTests
{
    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.AnalyzerAsync<GuardedByAnalyzer>(source, expected);

    // ---- MG1005 ----

    [Fact]
    public Task ReadAndWriteWithoutTheLock_AreErrorsWithMessage() => VerifyAsync(
        """
        class Account
        {
            private readonly Lock _lock = new();

            [GuardedBy(nameof(_lock))]
            private readonly List<int> _entries = new();

            [GuardedBy("_lock")]
            private int _balance;

            public void Post(int amount)
            {
                {|#0:_entries|}.Add(amount);
                {|#1:_balance|} += amount;
            }

            public int Balance => {|#2:_balance|};
        }
        """,
        Expect.Diagnostic(DiagnosticIds.GuardedByNotHeld, DiagnosticSeverity.Error).WithLocation(0).WithArguments("_entries", "_lock", ""),
        Expect.Diagnostic(DiagnosticIds.GuardedByNotHeld, DiagnosticSeverity.Error).WithLocation(1).WithArguments("_balance", "_lock", ""),
        Expect.Diagnostic(DiagnosticIds.GuardedByNotHeld, DiagnosticSeverity.Error).WithLocation(2).WithArguments("_balance", "_lock", ""));

    [Fact]
    public Task EveryLockForm_HoldsTheLock() => VerifyAsync("""
        class C
        {
            private readonly Lock _lock = new();
            private readonly object _gate = new();

            [GuardedBy(nameof(_lock))] private int _a;
            [GuardedBy(nameof(_gate))] private int _b;

            void M()
            {
                lock (_lock) { _a++; }
                using (_lock.EnterScope()) { _a++; }
                _lock.Enter();
                try { _a++; } finally { _lock.Exit(); }
                lock (_gate) { _b++; }
                bool taken = false;
                try { Monitor.Enter(_gate, ref taken); _b++; } finally { if (taken) Monitor.Exit(_gate); }
                using var scope = _lock.EnterScope();
                _a++;
            }
        }
        """);

    [Fact]
    public Task TheWrongLock_OrAfterExit_IsAnError() => VerifyAsync("""
        class C
        {
            private readonly object _one = new();
            private readonly object _two = new();

            [GuardedBy(nameof(_one))] private int _value;

            void M()
            {
                lock (_two) { {|MG1005:_value|} = 1; }
                Monitor.Enter(_one);
                Monitor.Exit(_one);
                {|MG1005:_value|} = 2;
            }
        }
        """);

    [Fact]
    public Task ReaderWriterLockSlim_ReadsNeedReadLock_WritesNeedWriteLock() => VerifyAsync("""
        class C
        {
            private readonly ReaderWriterLockSlim _rw = new();

            [GuardedBy(nameof(_rw))] private readonly Dictionary<int, int> _map = new();

            int Get(int k)
            {
                _rw.EnterReadLock();
                try { return _map[k]; } finally { _rw.ExitReadLock(); }
            }

            void Set(int k)
            {
                _rw.EnterWriteLock();
                try { _map[k] = k; } finally { _rw.ExitWriteLock(); }
            }

            void Wrong(int k)
            {
                _rw.EnterReadLock();
                try { {|#0:_map|}.Remove(k); } finally { _rw.ExitReadLock(); }
            }
        }
        """,
        Expect.Diagnostic(DiagnosticIds.GuardedByNotHeld, DiagnosticSeverity.Error).WithLocation(0).WithArguments("_map", "_rw", " (a read lock is held, but this is a write)"));

    [Fact]
    public Task LambdaInsideTheLock_DoesNotInheritIt() => VerifyAsync(
        """
        class C
        {
            private readonly object _gate = new();

            [GuardedBy(nameof(_gate))] private readonly List<int> _items = new();

            void M()
            {
                lock (_gate) { Task.Run(() => {|#0:_items|}.Add(1)); }
            }
        }
        """,
        Expect.Diagnostic(DiagnosticIds.GuardedByNotHeld, DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("_items", "_gate", " (the lock around the lambda does not cover it: it may run later)"));

    [Fact]
    public Task AnotherInstancesField_NeedsThatInstancesLock() => VerifyAsync("""
        class Node
        {
            private readonly object _gate = new();

            [GuardedBy(nameof(_gate))] private int _value;

            void CopyFrom(Node other)
            {
                lock (other._gate) { {|MG1005:_value|} = 0; }
                lock (_gate) { _value = {|MG1005:other._value|}; }
                lock (other._gate) { lock (_gate) { _value = other._value; } }
            }
        }
        """);

    [Fact]
    public Task GuardedMethod_RequiresTheLockFromCallers_AndHoldsItInside() => VerifyAsync("""
        class C
        {
            private readonly object _gate = new();

            [GuardedBy(nameof(_gate))] private readonly List<int> _items = new();

            [GuardedBy(nameof(_gate))]
            private void AddCore(int x) => _items.Add(x);

            public void Add(int x)
            {
                lock (_gate) { AddCore(x); }
                {|MG1005:AddCore(x)|};
            }
        }
        """);

    [Fact]
    public Task ConstructorsInitializersAndNameof_AreExempt() => VerifyAsync("""
        class C
        {
            private static readonly object s_gate = new();
            private readonly object _gate = new();

            [GuardedBy(nameof(_gate))] private readonly List<int> _items = new() { 1 };
            [GuardedBy(nameof(s_gate))] private static readonly List<int> s_all = new();
            [GuardedBy(nameof(_gate))] public int Count { get; private set; } = 1;

            static C() => s_all.Add(0);

            public C()
            {
                _items.Add(2);
                Count = _items.Count;
            }

            public string Name => nameof(_items);
        }

        class D : C
        {
            public D() : base() { }
        }
        """);

    [Fact]
    public Task ConstructorLambdaAndOtherInstanceInConstructor_AreNotExempt() => VerifyAsync("""
        class C
        {
            private readonly object _gate = new();

            [GuardedBy(nameof(_gate))] private readonly List<int> _items = new();

            public C(C other)
            {
                {|MG1005:other._items|}.Add(1);
                Action a = () => {|MG1005:_items|}.Add(2);
            }
        }
        """);

    [Fact]
    public Task GuardedProperty_IsCheckedAtEachUse() => VerifyAsync("""
        class C
        {
            private readonly object _gate = new();

            [GuardedBy(nameof(_gate))] public int Total { get; set; }

            void M()
            {
                lock (_gate) { Total++; }
                {|MG1005:Total|} = 0;
            }
        }
        """);

    // ---- MG1006 ----

    [Fact]
    public Task InvalidLockNames_AreErrorsWithTheReason() => VerifyAsync(
        """
        class Base
        {
            protected readonly object BaseGate = new();
        }

        class C : Base
        {
            private object _mutable = new();
            private readonly int _number;
            private readonly SpinLock _spin;
            private readonly object _instanceGate = new();

            private object Gate => _mutable;

            [GuardedBy({|#0:"_missing"|})] private int _a;
            [GuardedBy({|#1:"_mutable"|})] private int _b;
            [GuardedBy({|#2:"_number"|})] private int _c;
            [GuardedBy({|#3:"_spin"|})] private int _d;
            [GuardedBy({|#4:"Gate"|})] private int _e;
            [GuardedBy({|#5:"_instanceGate"|})] private static int s_f;
            [GuardedBy({|#6:""|})] private int _g;
            [GuardedBy(nameof(BaseGate))] private int _fromBase;
        }
        """,
        Expect.Diagnostic(DiagnosticIds.GuardedByInvalidLock, DiagnosticSeverity.Error).WithLocation(0).WithArguments("_missing", "_a", "no field named '_missing' in 'C' or its base types"),
        Expect.Diagnostic(DiagnosticIds.GuardedByInvalidLock, DiagnosticSeverity.Error).WithLocation(1).WithArguments("_mutable", "_b", "'_mutable' is not readonly, so the object threads lock on can change under them"),
        Expect.Diagnostic(DiagnosticIds.GuardedByInvalidLock, DiagnosticSeverity.Error).WithLocation(2).WithArguments("_number", "_c", "'_number' is a int, a value type; a lock must be a reference type"),
        Expect.Diagnostic(DiagnosticIds.GuardedByInvalidLock, DiagnosticSeverity.Error).WithLocation(3).WithArguments("_spin", "_d", "'_spin' is a SpinLock, a value type; a lock must be a reference type"),
        Expect.Diagnostic(DiagnosticIds.GuardedByInvalidLock, DiagnosticSeverity.Error).WithLocation(4).WithArguments("Gate", "_e", "'Gate' is a property, not a field"),
        Expect.Diagnostic(DiagnosticIds.GuardedByInvalidLock, DiagnosticSeverity.Error).WithLocation(5).WithArguments("_instanceGate", "s_f", "'_instanceGate' is an instance field, but a static member needs a static lock"),
        Expect.Diagnostic(DiagnosticIds.GuardedByInvalidLock, DiagnosticSeverity.Error).WithLocation(6).WithArguments("", "_g", "the lock name is empty"));

    [Fact]
    public Task InvalidGuard_DoesNotAlsoReportAccesses() => VerifyAsync("""
        class C
        {
            [GuardedBy({|MG1006:"_nope"|})] private int _a;

            void M() => _a = 1;
        }
        """);
}
