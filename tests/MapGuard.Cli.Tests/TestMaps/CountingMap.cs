using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Cli.Tests;

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
