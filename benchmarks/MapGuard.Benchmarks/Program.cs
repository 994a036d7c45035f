using BenchmarkDotNet.Running;

// Run everything: dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*'
// One workload: ... -- --filter '*WorkloadBenchmarks*' --anyCategories hot-read
BenchmarkSwitcher.FromAssembly(typeof(MapGuard.Benchmarks.Workloads.WorkloadBenchmarks).Assembly).Run(args);
