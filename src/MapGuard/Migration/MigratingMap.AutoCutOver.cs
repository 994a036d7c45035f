namespace MapGuard;

public sealed partial class MigratingMap<TKey, TValue>
{
    private readonly List<HitSample> _samples = []; // GUARDED BY: _evaluating (one evaluation at a time)
    private DateTimeOffset? _aboveSince;            // GUARDED BY: _evaluating
    private double _windowHitRatio = double.NaN;    // written by EvaluateHitRatio; READ WITH: Volatile.Read
    private int _evaluating;                        // 1 while a timer tick runs; CAS from 0

    private void StartHitRatioTimer()
    {
        lock (_transitionLock)
        {
            TimeSpan interval = _options.EvaluationInterval;
            _hitRatioTimer = _time.CreateTimer(static self => ((MigratingMap<TKey, TValue>)self!).OnHitRatioTimer(), this, interval, interval);
        }
    }

    private void OnHitRatioTimer()
    {
        // RACE(benign): a tick that finds the previous one still running skips; the next tick samples again.
        if (Interlocked.CompareExchange(ref _evaluating, 1, 0) != 0)
        {
            return;
        }

        try
        {
            if (EvaluateHitRatio())
            {
                CutOverCore(MigrationTrigger.HitRatio, _disposed.Token);
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Dispose stopped the cut-over's copy: the map stays in its migrating phase, as documented.
        }
        catch (InvalidOperationException) when (Phase == MigrationPhase.RolledBack)
        {
            // A rollback won the race with this cut-over: the migration ended by another route.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A timer callback must not throw (it would end the process); keep the error for the owner to see.
            BackgroundError = ex;
        }
        finally
        {
            Volatile.Write(ref _evaluating, 0);
        }
    }

    /// <summary>
    /// Samples the hit counters and decides whether the share of reads of existing keys served by the target map
    /// has been at or above the threshold, over every full window, for the hold time.
    /// </summary>
    /// <returns>True when the automatic cut-over should run now.</returns>
    private bool EvaluateHitRatio()
    {
        if (Volatile.Read(ref _state).Remaining is not null)
        {
            return false;
        }

        DateTimeOffset now = _time.GetUtcNow();
        var sample = new HitSample(now, _counters.TargetHits.Sum(), _counters.Backfills.Sum());
        _samples.Add(sample);

        // Keep, as the baseline, the newest sample at or before the window's start.
        DateTimeOffset windowStart = now - _options.HitRatioWindow;
        int drop = 0;
        while (drop + 1 < _samples.Count && _samples[drop + 1].Time <= windowStart)
        {
            drop++;
        }

        _samples.RemoveRange(0, drop);
        HitSample baseline = _samples[0];
        long hits = sample.TargetHits - baseline.TargetHits;
        long reads = hits + (sample.Backfills - baseline.Backfills);
        bool fullWindow = baseline.Time <= windowStart;
        if (!fullWindow || reads < _options.MinimumReadsPerWindow)
        {
            Volatile.Write(ref _windowHitRatio, double.NaN);
            _aboveSince = null;
            return false;
        }

        double ratio = (double)hits / reads;
        Volatile.Write(ref _windowHitRatio, ratio);
        if (ratio < _options.HitRatioThreshold)
        {
            _aboveSince = null;
            return false;
        }

        _aboveSince ??= now;
        return now - _aboveSince.Value >= _options.HitRatioHoldTime;
    }

    /// <summary>The hit counters at one tick of the hit-ratio timer.</summary>
    private readonly record struct HitSample(DateTimeOffset Time, long TargetHits, long Backfills);
}
