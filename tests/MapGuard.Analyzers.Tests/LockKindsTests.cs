using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;

namespace MapGuard.Analyzers.Tests;

/// <summary>Locks as .NET code writes them: each one protects a mutation, and the look-alikes that do not are reported.</summary>
public sealed class LockKindsTests
{
    private static Task VerifyAsync(string members, string body) => Verify.AnalyzerAsync<StaticCollectionAnalyzer>($$"""
        class C
        {
            private static readonly List<int> s_items = new();
        {{members}}

            async Task M(int x)
            {
        {{body}}
            }
        }
        """);

    [Fact]
    public Task LockOnAnyObject_AndOnSystemThreadingLock_Protect() => VerifyAsync(
        """
            private static readonly string s_name = "gate";
            private static readonly Lock s_lock = new();
        """,
        """
                lock (s_name) { s_items.Add(x); }
                lock (s_lock) { s_items.Add(x); }
                lock (typeof(C)) { s_items.Add(x); }
                await Task.Yield();
        """);

    [Fact]
    public Task MonitorEnterAndTryEnter_Protect() => VerifyAsync(
        """
            private static readonly object s_gate = new();
        """,
        """
                bool taken = false;
                try { Monitor.Enter(s_gate, ref taken); s_items.Add(x); } finally { if (taken) Monitor.Exit(s_gate); }
                if (Monitor.TryEnter(s_gate))
                {
                    try { s_items.Add(x); } finally { Monitor.Exit(s_gate); }
                }
                await Task.Yield();
        """);

    [Fact]
    public Task BinarySemaphoreWaitAndWaitAsync_ReleasedInFinally_Protect() => VerifyAsync(
        """
            private static readonly SemaphoreSlim s_gate = new(1, 1);
            private static readonly SemaphoreSlim s_single = new SemaphoreSlim(1);
        """,
        """
                await s_gate.WaitAsync();
                try { s_items.Add(x); } finally { s_gate.Release(); }
                s_single.Wait();
                try { s_items.Add(x); } finally { s_single.Release(); }
        """);

    [Fact]
    public Task SemaphoreWithSeveralSlots_DoesNotProtect() => VerifyAsync(
        """
            private static readonly SemaphoreSlim s_pool = new(4, 4);
        """,
        """
                await s_pool.WaitAsync();
                try { {|MG1002:s_items.Add(x)|}; } finally { s_pool.Release(); }
        """);

    [Fact]
    public Task MutationAfterSemaphoreRelease_IsReported() => VerifyAsync(
        """
            private static readonly SemaphoreSlim s_gate = new(1, 1);
        """,
        """
                await s_gate.WaitAsync();
                s_gate.Release();
                {|MG1002:s_items.Add(x)|};
        """);

    [Fact]
    public Task MutexAndSpinLock_Protect() => VerifyAsync(
        """
            private static readonly Mutex s_mutex = new();
            private static SpinLock s_spin = new(false);
        """,
        """
                s_mutex.WaitOne();
                try { s_items.Add(x); } finally { s_mutex.ReleaseMutex(); }
                bool taken = false;
                try { s_spin.Enter(ref taken); s_items.Add(x); } finally { if (taken) s_spin.Exit(); }
                await Task.Yield();
        """);

    [Fact]
    public Task ReaderWriterLockSlim_WriteSectionProtects_ReadSectionDoesNot() => VerifyAsync(
        """
            private static readonly ReaderWriterLockSlim s_rw = new();
        """,
        """
                s_rw.EnterWriteLock();
                try { s_items.Add(x); } finally { s_rw.ExitWriteLock(); }
                s_rw.EnterReadLock();
                try { {|MG1002:s_items.Add(x)|}; } finally { s_rw.ExitReadLock(); }
                await Task.Yield();
        """);

    [Fact]
    public Task DictionaryFilledLazilyOnAnUnlockedReadPath_WhileOtherPathsHoldASemaphore_IsReported() =>
        Verify.AnalyzerAsync<SharedStateAnalyzer>("""
            class TokenCache
            {
                private readonly SemaphoreSlim _gate = new(1, 1);
                private readonly Dictionary<string, string> _tokens = new();

                public async Task RefreshAsync(string key)
                {
                    await _gate.WaitAsync();
                    try { _tokens[key] = await Task.FromResult(key); } finally { _gate.Release(); }
                }

                public string Get(string key)
                {
                    if (!_tokens.TryGetValue(key, out var token))
                    {
                        token = key.ToUpperInvariant();
                        {|MG1004:_tokens[key] = token|};
                    }

                    return token;
                }
            }
            """);
}
