using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Cli.Tests;

/// <summary>The calls every <see cref="CountingMap{TKey, TValue}"/> received.</summary>
public static class MapCallCounts
{
    internal static long s_adds;
    internal static long s_reads;
    internal static long s_writes;

    public static (long Adds, long Reads, long Writes) Snapshot => (Interlocked.Read(ref s_adds), Interlocked.Read(ref s_reads), Interlocked.Read(ref s_writes));

    public static void Reset() => (s_adds, s_reads, s_writes) = (0, 0, 0);
}

/// <summary>Counts the calls the measuring loop makes.</summary>
public sealed class CountingMap<TKey, TValue> : DelegatingMap<TKey, TValue>
    where TKey : notnull
{
    public override TValue this[TKey key]
    {
        get => base[key];
        set
        {
            Interlocked.Increment(ref MapCallCounts.s_writes);
            base[key] = value;
        }
    }

    public override bool TryAdd(TKey key, TValue value)
    {
        Interlocked.Increment(ref MapCallCounts.s_adds);
        return base.TryAdd(key, value);
    }

    public override bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        Interlocked.Increment(ref MapCallCounts.s_reads);
        return base.TryGetValue(key, out value);
    }
}

/// <summary>A broken map: it reports success for every 100th add but does not store the key.</summary>
public sealed class ForgetfulMap<TKey, TValue> : DelegatingMap<TKey, TValue>
    where TKey : notnull
{
    private int _adds;

    public override bool TryAdd(TKey key, TValue value) => ++_adds % 100 == 0 || base.TryAdd(key, value);
}
