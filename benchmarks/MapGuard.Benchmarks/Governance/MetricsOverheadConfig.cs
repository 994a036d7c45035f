using MapGuard.Benchmarks.Workloads;

namespace MapGuard.Benchmarks.Governance;

/// <summary><see cref="WorkloadConfig"/>'s job in five processes: the issue asks for the median of at least five per case.</summary>
public sealed class MetricsOverheadConfig() : WorkloadConfig(launchCount: 5);
