using System.Runtime.CompilerServices;

namespace MapGuard.Bounded;

/// <summary>A governed map's lifetimes, in <see cref="TimeProvider"/> timestamp ticks; 0 means "never".</summary>
internal readonly struct ExpirySettings
{
    public readonly TimeProvider Clock;
    public readonly long AfterWrite;
    public readonly long AfterAccess;

    public ExpirySettings(TimeProvider clock, TimeSpan? afterWrite, TimeSpan? afterAccess)
    {
        Clock = clock;
        AfterWrite = ToTicks(clock, afterWrite);
        AfterAccess = ToTicks(clock, afterAccess);
    }

    public bool Enabled => (AfterWrite | AfterAccess) != 0;

    /// <summary>How often the cleanup timer sweeps: half the shortest lifetime, between 10 ms and one minute.</summary>
    public TimeSpan SweepPeriod
    {
        get
        {
            long shortest = AfterWrite == 0 ? AfterAccess : AfterAccess == 0 ? AfterWrite : Math.Min(AfterWrite, AfterAccess);
            var half = TimeSpan.FromSeconds(shortest / 2.0 / Clock.TimestampFrequency);
            return TimeSpan.FromTicks(Math.Clamp(half.Ticks, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMinutes(1).Ticks));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Now() => Enabled ? Clock.GetTimestamp() : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsExpired<TKey, TValue>(BoundedEntry<TKey, TValue> entry, long now) =>
        Enabled && IsExpired(ExpiringEntry<TKey, TValue>.Of(entry), now);

    private bool IsExpired<TKey, TValue>(ExpiringEntry<TKey, TValue> entry, long now) =>
        (AfterWrite != 0 && now - Volatile.Read(ref entry.WriteTime) >= AfterWrite) ||
        (AfterAccess != 0 && now - Volatile.Read(ref entry.AccessTime) >= AfterAccess);

    private static long ToTicks(TimeProvider clock, TimeSpan? lifetime) =>
        lifetime is { } span ? Math.Max(1, (long)(span.TotalSeconds * clock.TimestampFrequency)) : 0;
}
