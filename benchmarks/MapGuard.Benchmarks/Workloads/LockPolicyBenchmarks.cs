using BenchmarkDotNet.Attributes;
using MapGuard.Benchmarks.Maps;
using MapGuard.Locked;

namespace MapGuard.Benchmarks.Workloads;

/// <summary>
/// LockedMap's question: one <see cref="Lock"/> or a <see cref="ReaderWriterLockSlim"/>? Same Dictionary, same
/// workloads; the lock is the only difference. The winner is what LockedMap ships (see docs/design/locked-map.md).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WorkloadConfig))]
public class LockPolicyBenchmarks
{
    private LockedMapCore<long, long, ExclusiveLockPolicy> _exclusive = null!;
    private LockedMapCore<long, long, ReaderWriterLockPolicy> _readerWriter = null!;
    private WorkloadHarness<long> _harness = null!;

    [Params("hot-read", "hot-mixed", "big-read", "big-mixed")]
    public string Workload { get; set; } = "hot-read";

    [GlobalSetup(Target = nameof(Lock))]
    public void SetupLock() => _exclusive = Fill(new LockedMapCore<long, long, ExclusiveLockPolicy>(0, null));

    [GlobalSetup(Target = nameof(ReaderWriterLockSlim))]
    public void SetupReaderWriterLockSlim() => _readerWriter = Fill(new LockedMapCore<long, long, ReaderWriterLockPolicy>(0, null));

    [GlobalCleanup]
    public void Cleanup() => _harness.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void Lock() => _harness.Run(new LockedCoreAdapter<ExclusiveLockPolicy>(_exclusive));

    [Benchmark(OperationsPerInvoke = BenchWorkloads.OperationsPerThread)]
    public void ReaderWriterLockSlim() => _harness.Run(new LockedCoreAdapter<ReaderWriterLockPolicy>(_readerWriter));

    private TMap Fill<TMap>(TMap map)
        where TMap : IConcurrentMap<long, long>
    {
        _harness = new WorkloadHarness<long>(Workload);
        _harness.Fill(key => map[key] = key);
        return map;
    }
}
