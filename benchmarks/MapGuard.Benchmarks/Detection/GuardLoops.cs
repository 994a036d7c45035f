using System.Runtime.CompilerServices;

namespace MapGuard.Benchmarks.Detection;

/// <summary>
/// The measured loops over maps of one kind (<typeparamref name="TOps"/>). Every loop runs in chunk methods of
/// <see cref="ChunkOperations"/> calls, which an invocation calls hundreds of times, so tiered compilation promotes
/// them during the warm-up (see <see cref="GuardOverheadBenchmarks{TKey}"/>).
/// </summary>
/// <typeparam name="TOps">The calls on one map (<see cref="KeyOps"/>).</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
internal sealed class GuardLoops<TOps, TKey>(TOps[] maps, TKey[] stream, TKey[] removeOrder, TKey[] insertionOrder) : IGuardLoops
    where TOps : struct, KeyOps.IOps<TKey>
{
    private const int ChunkOperations = 4096;

    public long Get()
    {
        long sum = 0;
        for (int start = 0; start < stream.Length; start += ChunkOperations)
        {
            sum += GetChunk(maps[0], stream.AsSpan(start, Math.Min(ChunkOperations, stream.Length - start)));
        }

        return sum;
    }

    public void Set()
    {
        for (int start = 0; start < stream.Length; start += ChunkOperations)
        {
            SetChunk(maps[0], stream.AsSpan(start, Math.Min(ChunkOperations, stream.Length - start)));
        }
    }

    public int Remove() => RemoveAll(removeOrder);

    public int RemoveInInsertionOrder() => RemoveAll(insertionOrder);

    private int RemoveAll(TKey[] order)
    {
        int removed = 0;
        foreach (TOps map in maps)
        {
            for (int start = 0; start < order.Length; start += ChunkOperations)
            {
                removed += RemoveChunk(map, order.AsSpan(start, Math.Min(ChunkOperations, order.Length - start)));
            }
        }

        return removed;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long GetChunk(TOps map, ReadOnlySpan<TKey> keys)
    {
        long sum = 0;
        foreach (TKey key in keys)
        {
            map.TryGetValue(key, out long value);
            sum += value;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SetChunk(TOps map, ReadOnlySpan<TKey> keys)
    {
        foreach (TKey key in keys)
        {
            map.Set(key);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RemoveChunk(TOps map, ReadOnlySpan<TKey> keys)
    {
        int removed = 0;
        foreach (TKey key in keys)
        {
            removed += map.Remove(key) ? 1 : 0;
        }

        return removed;
    }
}
