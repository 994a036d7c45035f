using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// The measured loop. A thread calls <see cref="RunChunk{TOps, TKey}"/> over and over; each call runs
/// <see cref="ChunkOperations"/> operations and times the first of every <see cref="SampleInterval"/>.
/// </summary>
/// <remarks>
/// The chunk is a separate, non-inlined method that runs thousands of times per second, so tiered compilation
/// promotes it (with its PGO data) to optimised code within the warm-up instead of relying on on-stack replacement
/// of one long-running loop.
/// </remarks>
internal static class MeasurementLoop
{
    /// <summary>One operation in this many is timed: rare enough that the timer adds about 10% to one in 256.</summary>
    public const int SampleInterval = 256;

    /// <summary>Blocks of <see cref="SampleInterval"/> per chunk; the stop flag is read once per chunk.</summary>
    public const int BlocksPerChunk = 4;

    /// <summary>Operations per <see cref="RunChunk{TOps, TKey}"/> call.</summary>
    public const int ChunkOperations = SampleInterval * BlocksPerChunk;

    /// <summary>The body of one measuring thread for one phase.</summary>
    public static void RunThread<TOps, TKey>(TOps operations, ThreadState<TKey> state, PhaseControl control)
        where TOps : struct, IMapOperations<TKey>
    {
        control.ArriveAndWait();
        long start = Stopwatch.GetTimestamp();
        long chunks = 0;
        while (!control.StopRequested)
        {
            RunChunk(operations, state);
            chunks++;
        }

        state.ElapsedTicks = Stopwatch.GetTimestamp() - start;
        state.Operations = chunks * ChunkOperations;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RunChunk<TOps, TKey>(TOps operations, ThreadState<TKey> state)
        where TOps : struct, IMapOperations<TKey>
    {
        Operation<TKey>[] stream = state.Stream;
        long[] samples = state.Samples;
        int mask = stream.Length - 1;
        int position = state.Position;
        int sampleCount = state.SampleCount;
        long checksum = state.Checksum;
        long misses = state.Misses;

        for (int block = 0; block < BlocksPerChunk; block++)
        {
            ref readonly var timed = ref stream[position];
            position = (position + 1) & mask;
            long before = Stopwatch.GetTimestamp();
            Execute(operations, in timed, ref checksum, ref misses);
            long after = Stopwatch.GetTimestamp();
            if ((uint)sampleCount < (uint)samples.Length)
            {
                samples[sampleCount++] = after - before;
            }

            for (int i = 1; i < SampleInterval; i++)
            {
                ref readonly var operation = ref stream[position];
                position = (position + 1) & mask;
                Execute(operations, in operation, ref checksum, ref misses);
            }
        }

        state.Position = position;
        state.SampleCount = sampleCount;
        state.Checksum = checksum;
        state.Misses = misses;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Execute<TOps, TKey>(TOps operations, in Operation<TKey> operation, ref long checksum, ref long misses)
        where TOps : struct, IMapOperations<TKey>
    {
        if (!operation.IsWrite)
        {
            if (operations.TryGetValue(operation.Key, out long value))
            {
                checksum += value;
            }
            else
            {
                misses++;
            }
        }
        else
        {
            operations.Set(operation.Key, checksum);
        }
    }
}
