using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using MapGuard.Testing.Detection;

namespace MapGuard.Tests.Detection;

/// <summary>
/// Deterministic overlaps: a <see cref="GateComparer"/> parks one thread inside an operation, and the test starts
/// another operation meanwhile, so every case overlaps for sure and the report can be checked word for word.
/// </summary>
public sealed class GuardedDictionaryDetectionTests : IDisposable
{
    private static readonly TimeSpan Wait = ParkedThreads.Wait;
    private readonly ParkedThreads _parked = new();

    public void Dispose() => _parked.Dispose();

    [Fact]
    public void WriteDuringWrite_Throws_NamingBothOperationsAndBothThreads()
    {
        var map = Create(GuardMode.Throw);
        Thread writer = _parked.Park(() => map.Add(GateComparer.GateKey, 100));

        var ex = Assert.Throws<ConcurrentAccessException>(() => map.Remove(1));
        _parked.Finish(writer);

        GuardViolation violation = ex.Violation!;
        Assert.Equal(GuardedOperation.Remove, violation.Operation);
        Assert.Equal(GuardedOperation.Add, violation.OtherOperation);
        Assert.Equal(Environment.CurrentManagedThreadId, violation.ThreadId);
        Assert.Equal(writer.ManagedThreadId, violation.OtherThreadId);
        Assert.True(violation.OtherWasRunning);
        Assert.StartsWith("Remove while another thread was in Add", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"thread {Environment.CurrentManagedThreadId} called Remove", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"thread {writer.ManagedThreadId} was inside Add", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(WriteDuringWrite_Throws_NamingBothOperationsAndBothThreads), violation.DetectingStack.ToString(), StringComparison.Ordinal);
        Assert.Null(violation.OtherStack);

        // The refused Remove never touched the data, and the parked Add completed.
        Assert.Equal(100, map[GateComparer.GateKey]);
        Assert.Equal(1, map[1]);
        Assert.Equal(3, map.Count);
        Assert.Equal(1, map.ViolationCount);
        Assert.Empty(_parked.Errors);
    }

    [Theory]
    [InlineData(GuardedOperation.TryGetValue)]
    [InlineData(GuardedOperation.IndexerGet)]
    [InlineData(GuardedOperation.ContainsKey)]
    [InlineData(GuardedOperation.Count)]
    [InlineData(GuardedOperation.Enumerate)]
    public void ReadStartingDuringWrite_IsCaughtBeforeItReads(GuardedOperation read)
    {
        var map = Create(GuardMode.Throw);
        Thread writer = _parked.Park(() => map[GateComparer.GateKey] = 7);

        var ex = Assert.Throws<ConcurrentAccessException>(() => RunRead(map, read));
        _parked.Finish(writer);

        Assert.Equal(read, ex.Violation!.Operation);
        Assert.Equal(GuardedOperation.IndexerSet, ex.Violation.OtherOperation);
        Assert.True(ex.Violation.OtherWasRunning);
        Assert.StartsWith($"{read} while another thread was in IndexerSet", ex.Message, StringComparison.Ordinal);
        Assert.Equal(7, map[GateComparer.GateKey]);
    }

    [Fact]
    public void WriteStartingDuringRead_IsCaughtWhenTheReadEnds()
    {
        var map = Create(GuardMode.Throw);
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

        map.Add(5, 5); // readers are invisible to writers: the write itself goes through
        _parked.Finish(reader);

        var violation = Assert.IsType<ConcurrentAccessException>(readerError).Violation!;
        Assert.Equal(GuardedOperation.TryGetValue, violation.Operation);
        Assert.Equal(reader.ManagedThreadId, violation.ThreadId);
        Assert.Equal(GuardedOperation.Add, violation.OtherOperation);
        Assert.Equal(Environment.CurrentManagedThreadId, violation.OtherThreadId);
        Assert.False(violation.OtherWasRunning);
        Assert.StartsWith("TryGetValue while another thread was in Add", violation.Message, StringComparison.Ordinal);
        Assert.Contains("ran Add from start to finish during it", violation.Message, StringComparison.Ordinal);
        Assert.Equal(5, map[5]);
    }

    [Fact]
    public void ReadsOverlappingReads_AreFine()
    {
        var map = Create(GuardMode.Throw);
        Thread reader = _parked.Park(() => map.ContainsKey(GateComparer.GateKey));

        for (int i = 0; i < 100; i++)
        {
            Assert.True(map.TryGetValue(1, out _));
            Assert.Equal(2, map.Count);
        }

        _parked.Finish(reader);
        Assert.Equal(0, map.ViolationCount);
    }

    [Theory]
    [InlineData(GuardMode.Throw)]
    [InlineData(GuardMode.Report)]
    public void Reentry_FromAComparer_ThrowsInEveryMode(GuardMode mode)
    {
        GuardedDictionary<int, int>? map = null;
        var comparer = new CallbackComparer(key =>
        {
            if (key == 42)
            {
                map![43] = 43; // a comparer writing to the dictionary it serves
            }
        });
        map = new GuardedDictionary<int, int>(0, comparer, new GuardOptions { Mode = mode });

        var ex = Assert.Throws<ConcurrentAccessException>(() => map.Add(42, 42));

        Assert.True(ex.Violation!.IsReentry);
        Assert.Equal(GuardedOperation.IndexerSet, ex.Violation.Operation);
        Assert.Equal(GuardedOperation.Add, ex.Violation.OtherOperation);
        Assert.StartsWith("IndexerSet while the same thread was in Add", ex.Message, StringComparison.Ordinal);
        Assert.Empty(map); // neither the outer Add nor the re-entering write left anything behind
        Assert.False(map.ContainsKey(43));
    }

    [Fact]
    public void ReportMode_WriteDuringWrite_RaisesTheEventThenSerializes_AndKeepsEveryEntry()
    {
        var map = Create(GuardMode.Report);
        var reported = new ConcurrentQueue<GuardViolation>();
        using var raised = new ManualResetEventSlim();
        map.ViolationDetected += (sender, violation) =>
        {
            Assert.Same(map, sender);
            reported.Enqueue(violation);
            raised.Set();
        };
        Thread first = _parked.Park(() => map.Add(GateComparer.GateKey, -1));
        var second = _parked.Start(() => map[5] = 5);

        Assert.True(raised.Wait(Wait, TestContext.Current.CancellationToken), "the overlap was not reported");
        _parked.Finish(first);
        Assert.True(second.Join(Wait));

        Assert.Empty(_parked.Errors);
        GuardViolation violation = Assert.Single(reported);
        Assert.Equal(GuardedOperation.IndexerSet, violation.Operation);
        Assert.Equal(second.ManagedThreadId, violation.ThreadId);
        Assert.Equal(GuardedOperation.Add, violation.OtherOperation);
        Assert.Equal(first.ManagedThreadId, violation.OtherThreadId);
        Assert.Equal(GuardMode.Report, violation.Mode);
        Assert.Contains("now serializes every operation", violation.Message, StringComparison.Ordinal);
        Assert.True(map.IsSerialized);
        Assert.Equal(1, map.ViolationCount);
        Assert.Equal([GateComparer.GateKey, 0, 1, 5], map.Keys.Order());
        Assert.Equal(-1, map[GateComparer.GateKey]);
        Assert.Equal(5, map[5]);
    }

    [Fact]
    public void ReportMode_ReadDuringWrite_ReturnsTheRightValueAfterSerializing()
    {
        var map = Create(GuardMode.Report);
        using var raised = new ManualResetEventSlim();
        map.ViolationDetected += (_, _) => raised.Set();
        Thread writer = _parked.Park(() => map[GateComparer.GateKey] = 9);
        int seen = 0;
        var reader = _parked.Start(() => seen = map.Count);

        Assert.True(raised.Wait(Wait, TestContext.Current.CancellationToken));
        _parked.Finish(writer);
        Assert.True(reader.Join(Wait));

        Assert.Empty(_parked.Errors);
        Assert.Equal(3, seen); // the read ran again, under the lock, after the write finished
        Assert.True(map.IsSerialized);
        Assert.Equal(9, map[GateComparer.GateKey]);
    }

    [Fact]
    public void ReportMode_WriteStartingDuringRead_ReportsAtTheReadsEndAndRedoesItUnderTheLock()
    {
        var map = Create(GuardMode.Report);
        var reported = new ConcurrentQueue<GuardViolation>();
        map.ViolationDetected += (_, violation) => reported.Enqueue(violation);
        bool? found = null;
        Thread reader = _parked.Park(() => found = map.TryGetValue(GateComparer.GateKey, out _));

        map[5] = 5; // readers are invisible to writers: this write goes through
        _parked.Finish(reader);

        Assert.Empty(_parked.Errors);
        Assert.False(found); // the redo under the lock gave the true answer: the key is absent
        GuardViolation violation = Assert.Single(reported);
        Assert.Equal(GuardedOperation.TryGetValue, violation.Operation);
        Assert.Equal(GuardedOperation.IndexerSet, violation.OtherOperation);
        Assert.Equal(Environment.CurrentManagedThreadId, violation.OtherThreadId);
        Assert.False(violation.OtherWasRunning);
        Assert.True(map.IsSerialized);
        Assert.Equal(5, map[5]);
    }

    [Fact]
    public void CaptureOtherStack_ReportsTheOtherThreadsStack()
    {
        var map = new GuardedDictionary<int, int>(0, _parked.Gate, new GuardOptions { CaptureOtherStack = true });
        map[0] = 0;
        Thread writer = _parked.Park(() => ParkedWriter(map));

        var ex = Assert.Throws<ConcurrentAccessException>(() => map.Remove(0));
        _parked.Finish(writer);

        Assert.NotNull(ex.Violation!.OtherStack);
        Assert.Contains(nameof(ParkedWriter), ex.Violation.OtherStack.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(ParkedWriter), ex.Violation.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(ParkedWriter), ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Violations_AreCountedInTheMeter_TaggedWithTheMapName()
    {
        string name = "meter-test-" + Guid.NewGuid().ToString("N");
        var map = new GuardedDictionary<int, int>(0, _parked.Gate, new GuardOptions { Name = name });
        map[0] = 0;
        Thread writer = _parked.Park(() => map[GateComparer.GateKey] = 1);
        Assert.Throws<ConcurrentAccessException>(() => map[1] = 1);
        Assert.Throws<ConcurrentAccessException>(() => map.TryGetValue(0, out _));
        _parked.Finish(writer);

        long observed = -1;
        string? unit = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MapGuardMeter.Name && instrument.Name == MapGuardMeter.GuardViolations)
            {
                unit = instrument.Unit;
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == MapGuardMeter.MapTag && Equals(tag.Value, name))
                {
                    observed = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal("{violation}", unit);
        Assert.Equal(2, observed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ParkedWriter(GuardedDictionary<int, int> map) => map[GateComparer.GateKey] = 1;

    private static void RunRead(GuardedDictionary<int, int> map, GuardedOperation read)
    {
        switch (read)
        {
            case GuardedOperation.TryGetValue: map.TryGetValue(1, out _); break;
            case GuardedOperation.IndexerGet: _ = map[1]; break;
            case GuardedOperation.ContainsKey: map.ContainsKey(1); break;
            case GuardedOperation.Count: _ = map.Count; break;
            case GuardedOperation.Enumerate: foreach (var pair in map) { _ = pair; } break;
            default: throw new ArgumentOutOfRangeException(nameof(read));
        }
    }

    private GuardedDictionary<int, int> Create(GuardMode mode)
    {
        var map = new GuardedDictionary<int, int>(0, _parked.Gate, new GuardOptions { Mode = mode });
        map[0] = 0;
        map[1] = 1;
        return map;
    }
}
