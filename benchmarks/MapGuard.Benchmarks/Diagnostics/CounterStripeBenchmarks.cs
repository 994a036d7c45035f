using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using MapGuard.Telemetry;

namespace MapGuard.Benchmarks.Diagnostics;

/// <summary>
/// What it costs one thread to pick its counter stripe and bump one cell, by the way the stripe is found: a
/// <c>[ThreadStatic]</c> cached managed thread ID (MapGuard's choice until the metrics issue), the runtime's
/// <see cref="Environment.CurrentManagedThreadId"/>, and <see cref="ThreadStripe"/> (the stack address). Each
/// invocation bumps 1,024 cells, so timer noise vanishes; the cells are the layout <c>MapTelemetry</c> uses.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project benchmarks/MapGuard.Benchmarks -- --filter '*CounterStripe*'</remarks>
public class CounterStripeBenchmarks
{
    private const int Bumps = 1_024;
    private const int Stripes = 64;
    private const int Slots = 32;

    [ThreadStatic]
    private static int t_id;

    private readonly long[] _cells = new long[(Stripes + 1) * Slots];

    [Benchmark(Baseline = true, OperationsPerInvoke = Bumps)]
    public void ThreadStaticId()
    {
        for (int i = 0; i < Bumps; i++)
        {
            BumpByThreadStatic(i);
        }
    }

    [Benchmark(OperationsPerInvoke = Bumps)]
    public void CurrentManagedThreadId()
    {
        for (int i = 0; i < Bumps; i++)
        {
            BumpByManagedThreadId(i);
        }
    }

    [Benchmark(OperationsPerInvoke = Bumps)]
    public void StackAddress()
    {
        for (int i = 0; i < Bumps; i++)
        {
            BumpByStackAddress(i);
        }
    }

    // Not inlined: each bump is a call, as a counted map operation is, so the stripe is found afresh every time
    // instead of being hoisted out of the loop.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void BumpByThreadStatic(int i)
    {
        int id = t_id;
        if (id == 0)
        {
            id = t_id = Environment.CurrentManagedThreadId;
        }

        Bump(id, i);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void BumpByManagedThreadId(int i) => Bump(Environment.CurrentManagedThreadId, i);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void BumpByStackAddress(int i) => Bump(ThreadStripe.Current, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Bump(int stripe, int i) => _cells[((stripe & (Stripes - 1)) * Slots) + (i & 3)]++;
}
