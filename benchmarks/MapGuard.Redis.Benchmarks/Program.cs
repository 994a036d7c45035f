using BenchmarkDotNet.Running;
using MapGuard.Redis.Benchmarks;

// BenchmarkDotNet:  dotnet run -c Release --project benchmarks/MapGuard.Redis.Benchmarks -- --filter '*'
// Interleaved A/B:  dotnet run -c Release --project benchmarks/MapGuard.Redis.Benchmarks -- interleaved [rounds]
if (args.Length > 0 && args[0] == "interleaved")
{
    int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21;
    InterleavedComparison.Run(rounds, ["read", "write", "mixed-90", "add-or-update"]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RedisMapVsRawClientBenchmarks).Assembly).Run(args);
