using BenchmarkDotNet.Running;

// Run everything: dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*'
// The workload grid on every key shape: ... -- --filter '*WorkloadBenchmarks*'
// One key type of it: ... -- --filter '*WorkloadBenchmarks<String>*'   (or <Int64>: seq and random; <Guid>)
BenchmarkSwitcher.FromAssembly(typeof(MapGuard.Benchmarks.Workloads.WorkloadConfig).Assembly).Run(args);
