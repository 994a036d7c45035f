using System.Collections.Concurrent;
using MapGuard.Testing.Detection;

namespace MapGuard.Tests.Detection;

/// <summary>
/// Owner bias: after <see cref="GuardOptions.BiasAfterWrites"/> writes in a row from one thread, that thread writes
/// without the compare-and-swap. These tests check that every overlap is still caught when one party is the biased
/// owner (a <see cref="GateComparer"/> parks it inside a write or a read), that a hand-off without overlap raises
/// nothing, and that the bias is granted, revoked and refused exactly as documented.
/// </summary>
public sealed class GuardedDictionaryBiasTests : IDisposable
{
    private const int BiasAfter = 4;
    private static readonly TimeSpan Wait = ParkedThreads.Wait;
    private readonly ParkedThreads _parked = new();

    public void Dispose() => _parked.Dispose();

    [Fact]
    public void Bias_IsGrantedAfterTheConfiguredWritesInARow_AndAnotherThreadsWriteRestartsTheCount()
    {
        var map = new GuardedDictionary<int, int>(new GuardOptions { BiasAfterWrites = BiasAfter });
        for (int i = 0; i < BiasAfter - 1; i++)
        {
            map[i] = i;
        }

        RunOnOtherThread(() => map[100] = 100); // breaks the run: no bias yet, so no revocation either
        for (int i = 0; i < BiasAfter - 1; i++)
        {
            map[i] = i;
            Assert.Equal(0, map.BiasedThreadId);
        }

        map[BiasAfter] = 0; // the fourth write in a row
        Assert.Equal(Environment.CurrentManagedThreadId, map.BiasedThreadId);
        Assert.Equal(0, map.Revocations);
        Assert.Equal(0, map.ViolationCount);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(BiasAfter, true)]
    public void BiasIsNeverGranted_WhenTurnedOffOrWhenStacksAreCaptured(int biasAfterWrites, bool captureOtherStack)
    {
        var map = new GuardedDictionary<int, int>(new GuardOptions { BiasAfterWrites = biasAfterWrites, CaptureOtherStack = captureOtherStack });
        for (int i = 0; i < 10_000; i++)
        {
            map[i & 63] = i;
        }

        Assert.Equal(0, map.BiasedThreadId);
    }

    [Fact]
    public void NegativeBiasAfterWrites_IsRefused_NamingTheProperty()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new GuardOptions { BiasAfterWrites = -1 });
        Assert.Equal(nameof(GuardOptions.BiasAfterWrites), ex.ParamName);
        Assert.Equal(GuardOptions.DefaultBiasAfterWrites, new GuardOptions().BiasAfterWrites);
    }

    [Fact]
    public void WriteDuringTheOwnersWrite_RevokesTheBias_AndIsCaughtNamingTheOwner()
    {
        var map = Create(GuardMode.Throw);
        Thread owner = ParkBiasedOwner(map, () => map.Add(GateComparer.GateKey, 100));
        Assert.Equal(owner.ManagedThreadId, map.BiasedThreadId);

        var ex = Assert.Throws<ConcurrentAccessException>(() => map.Remove(1));

        Assert.Equal(0, map.BiasedThreadId); // revoked for good
        Assert.Equal(1, map.Revocations);
        _parked.Finish(owner);

        GuardViolation violation = ex.Violation!;
        Assert.Equal(GuardedOperation.Remove, violation.Operation);
        Assert.Equal(GuardedOperation.Add, violation.OtherOperation);
        Assert.Equal(owner.ManagedThreadId, violation.OtherThreadId);
        Assert.Equal(Environment.CurrentManagedThreadId, violation.ThreadId);
        Assert.True(violation.OtherWasRunning);
        Assert.False(violation.IsReentry);
        Assert.StartsWith("Remove while another thread was in Add", ex.Message, StringComparison.Ordinal);

        // The refused Remove never touched the data, and the owner's Add completed.
        Assert.Equal(100, map[GateComparer.GateKey]);
        Assert.Equal(1, map[1]);
        Assert.Equal(1, map.ViolationCount);
        Assert.Empty(_parked.Errors);

        // From now on every write takes the CAS path, from any thread, and the owner is an ordinary writer.
        map[2] = 2;
        RunOnOtherThread(() => map[3] = 3);
        Assert.Equal(0, map.BiasedThreadId);
        Assert.Equal(1, map.Revocations);
    }

    [Theory]
    [InlineData(GuardedOperation.TryGetValue)]
    [InlineData(GuardedOperation.Count)]
    [InlineData(GuardedOperation.Enumerate)]
    public void ReadStartingDuringTheOwnersWrite_IsCaughtBeforeItReads(GuardedOperation read)
    {
        var map = Create(GuardMode.Throw);
        Thread owner = ParkBiasedOwner(map, () => map[GateComparer.GateKey] = 7);

        var ex = Assert.Throws<ConcurrentAccessException>(() => RunRead(map, read));
        _parked.Finish(owner);

        Assert.Equal(read, ex.Violation!.Operation);
        Assert.Equal(GuardedOperation.IndexerSet, ex.Violation.OtherOperation);
        Assert.Equal(owner.ManagedThreadId, ex.Violation.OtherThreadId);
        Assert.True(ex.Violation.OtherWasRunning);
        Assert.Equal(owner.ManagedThreadId, map.BiasedThreadId); // readers never revoke
        Assert.Equal(7, map[GateComparer.GateKey]);
    }

    [Fact]
    public void OwnersWriteStartingDuringARead_IsCaughtWhenTheReadEnds()
    {
        var map = Create(GuardMode.Throw);
        BiasToThisThread(map);
        Exception? readerError = null;
        Thread reader = _parked.Park(() =>
        {
            try
            {
                map.TryGetValue(GateComparer.GateKey, out _);
            }
            catch (ConcurrentAccessException ex)
            {
                readerError = ex;
            }
        });

        map[5] = 5; // the owner's write: no CAS, no revocation
        Assert.Equal(Environment.CurrentManagedThreadId, map.BiasedThreadId);
        _parked.Finish(reader);

        var violation = Assert.IsType<ConcurrentAccessException>(readerError).Violation!;
        Assert.Equal(GuardedOperation.TryGetValue, violation.Operation);
        Assert.Equal(GuardedOperation.IndexerSet, violation.OtherOperation);
        Assert.Equal(Environment.CurrentManagedThreadId, violation.OtherThreadId);
        Assert.False(violation.OtherWasRunning);
        Assert.Equal(5, map[5]);
    }

    [Fact]
    public void HandOffWithoutOverlap_RevokesOnce_AndRaisesNothing()
    {
        var map = new GuardedDictionary<int, int>(new GuardOptions { BiasAfterWrites = BiasAfter });
        RunOnOtherThread(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                map[i] = i;
            }
        });
        Assert.NotEqual(0, map.BiasedThreadId);

        for (int i = 100; i < 200; i++)
        {
            map[i] = i; // the first of these revokes; the owner is not inside a write, so nothing is reported
        }

        RunOnOtherThread(() => Assert.True(map.Remove(0)));

        Assert.Equal(0, map.ViolationCount);
        Assert.Equal(1, map.Revocations);
        Assert.Equal(0, map.BiasedThreadId);
        Assert.Equal(199, map.Count);
        Assert.Equal(Enumerable.Range(1, 199), map.Keys.Order());
    }

    [Fact]
    public void Reentry_WhileBiased_ThrowsAsAReentry()
    {
        GuardedDictionary<int, int>? map = null;
        var comparer = new CallbackComparer(key =>
        {
            if (key == 42)
            {
                map![43] = 43;
            }
        });
        map = new GuardedDictionary<int, int>(0, comparer, new GuardOptions { BiasAfterWrites = BiasAfter });
        BiasToThisThread(map);

        var ex = Assert.Throws<ConcurrentAccessException>(() => map.Add(42, 42));

        Assert.True(ex.Violation!.IsReentry);
        Assert.Equal(Environment.CurrentManagedThreadId, ex.Violation.OtherThreadId);
        Assert.Equal(GuardedOperation.Add, ex.Violation.OtherOperation);
        Assert.Empty(map); // neither write left anything behind (hashing 42 again would re-enter: count instead)
        Assert.Equal(Environment.CurrentManagedThreadId, map.BiasedThreadId); // a re-entry is not another thread
        map[7] = 7; // and the owner's window was closed by the outer write's exit
        Assert.Equal(7, map[7]);
    }

    [Fact]
    public void AThrowingWriteOfTheOwner_ClosesItsWindow()
    {
        var map = Create(GuardMode.Throw);
        BiasToThisThread(map);

        Assert.Throws<ArgumentException>(() => map.Add(1, -1)); // duplicate key, thrown inside the owner's window

        // Had the window stayed open, these would be reported as overlaps.
        RunOnOtherThread(() => Assert.Equal(1, map[1]));
        map[1] = 11;
        Assert.Equal(11, map[1]);
        Assert.Equal(0, map.ViolationCount);
        Assert.Equal(Environment.CurrentManagedThreadId, map.BiasedThreadId);
    }

    [Fact]
    public void WritesWithoutAHandler_RouteANullKeyToTheHandlerPath_SoTheWindowCloses()
    {
        // String keys under the default comparer run no user code, so remove and an in-place set skip the exception
        // handler. A null key would throw inside the window there; it must take the handler path instead.
        var map = new GuardedDictionary<string, int>(new GuardOptions { BiasAfterWrites = BiasAfter });
        for (int i = 0; i < BiasAfter; i++)
        {
            map[$"warm-{i}"] = i;
        }

        Assert.Equal(Environment.CurrentManagedThreadId, map.BiasedThreadId);
        Assert.Throws<ArgumentNullException>("key", () => map.Remove(null!));
        Assert.Throws<ArgumentNullException>("key", () => map.Remove(null!, out _));
        Assert.Throws<ArgumentNullException>("key", () => map[null!] = 1);

        // Had a window stayed open, this read would be reported as an overlap.
        RunOnOtherThread(() => Assert.Equal(0, map["warm-0"]));
        Assert.Equal(0, map.ViolationCount);
        Assert.True(map.Remove("warm-1"));
        map["warm-2"] = 22;
        Assert.Equal(22, map["warm-2"]);
    }

    [Fact]
    public void ReportMode_WriteDuringTheOwnersWrite_IsReported_ThenSerialized_AndKeepsEveryEntry()
    {
        var map = Create(GuardMode.Report);
        var reported = new ConcurrentQueue<GuardViolation>();
        using var raised = new ManualResetEventSlim();
        map.ViolationDetected += (_, violation) =>
        {
            reported.Enqueue(violation);
            raised.Set();
        };
        Thread owner = ParkBiasedOwner(map, () => map.Add(GateComparer.GateKey, -1));
        var second = _parked.Start(() => map[5] = 5);

        Assert.True(raised.Wait(Wait, TestContext.Current.CancellationToken), "the overlap was not reported");
        _parked.Finish(owner);
        Assert.True(second.Join(Wait));

        Assert.Empty(_parked.Errors);
        GuardViolation violation = Assert.Single(reported);
        Assert.Equal(GuardedOperation.IndexerSet, violation.Operation);
        Assert.Equal(GuardedOperation.Add, violation.OtherOperation);
        Assert.Equal(owner.ManagedThreadId, violation.OtherThreadId);
        Assert.True(map.IsSerialized);
        Assert.Equal(0, map.BiasedThreadId);
        Assert.Equal(-1, map[GateComparer.GateKey]);
        Assert.Equal(5, map[5]);
        Assert.Equal(BiasAfter + 4, map.Count); // 0, 1, the owner's warm-up keys, the gate key and 5
    }

    [Fact]
    public void ReportMode_ReadDuringTheOwnersWrite_SerializesAndReturnsTheValueAfterTheWrite()
    {
        var map = Create(GuardMode.Report);
        using var raised = new ManualResetEventSlim();
        map.ViolationDetected += (_, _) => raised.Set();
        Thread owner = ParkBiasedOwner(map, () => map[GateComparer.GateKey] = 9);
        int seen = 0;
        var reader = _parked.Start(() => seen = map.Count);

        Assert.True(raised.Wait(Wait, TestContext.Current.CancellationToken));
        _parked.Finish(owner);
        Assert.True(reader.Join(Wait));

        Assert.Empty(_parked.Errors);
        Assert.Equal(BiasAfter + 3, seen); // redone under the lock, after the owner's write: it counts the gate key
        Assert.True(map.IsSerialized);
        Assert.Equal(0, map.BiasedThreadId); // the switch to serialized mode ends the bias
        Assert.Equal(1, map.Revocations);
        map[6] = 6; // the old owner now writes under the lock like everyone else
        Assert.Equal(6, map[6]);
    }

    private static void RunRead(GuardedDictionary<int, int> map, GuardedOperation read)
    {
        switch (read)
        {
            case GuardedOperation.TryGetValue: map.TryGetValue(1, out _); break;
            case GuardedOperation.Count: _ = map.Count; break;
            case GuardedOperation.Enumerate: foreach (var pair in map) { _ = pair; } break;
            default: throw new ArgumentOutOfRangeException(nameof(read));
        }
    }

    private static void BiasToThisThread(GuardedDictionary<int, int> map)
    {
        for (int i = 0; i < BiasAfter; i++)
        {
            map[1_000 + i] = i;
        }

        Assert.Equal(Environment.CurrentManagedThreadId, map.BiasedThreadId);
        for (int i = 0; i < BiasAfter; i++)
        {
            Assert.True(map.Remove(1_000 + i)); // keep the contents as Create left them
        }
    }

    private static void RunOnOtherThread(Action action)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        thread.Start();
        Assert.True(thread.Join(Wait));
        Assert.Null(error);
    }

    private GuardedDictionary<int, int> Create(GuardMode mode)
    {
        var map = new GuardedDictionary<int, int>(0, _parked.Gate, new GuardOptions { Mode = mode, BiasAfterWrites = BiasAfter });
        map[0] = 0;
        map[1] = 1;
        return map;
    }

    /// <summary>Starts a thread that writes until the dictionary is biased to it, then runs <paramref name="write"/>,
    /// and returns once that write is parked in the gate.</summary>
    private Thread ParkBiasedOwner(GuardedDictionary<int, int> map, Action write) =>
        _parked.Park(() =>
        {
            for (int i = 0; i < BiasAfter; i++)
            {
                map[10 + i] = i;
            }

            if (map.BiasedThreadId != Environment.CurrentManagedThreadId)
            {
                throw new InvalidOperationException("the owner thread was not biased");
            }

            write();
        });
}
