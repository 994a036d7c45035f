namespace MapGuard;

public sealed partial class MigratingMap<TKey, TValue>
{
    /// <summary>The background sweep started by <see cref="DrainAsync"/>: one pass, then the cut-over it may trigger.</summary>
    private async Task BackgroundSweepAsync(CancellationTokenSource cancellation)
    {
        using (cancellation)
        {
            if (await SweepPassAsync(pause: true, cancellation.Token).ConfigureAwait(false) && _options.CutOverWhenSweepCompletes)
            {
                try
                {
                    CutOverCore(MigrationTrigger.SweepCompleted, cancellation.Token);
                }
                catch (InvalidOperationException) when (Phase == MigrationPhase.RolledBack)
                {
                    // Rolled back between the pass and the switch: the migration ended by another route.
                }
            }
        }
    }

    /// <summary>
    /// Walks the source map once and copies every key the target map lacks, each under its key's lock with the value
    /// the source map holds at that moment (never the enumerated one, which may be stale). On finishing, sets the
    /// sweep bit unless a failed write invalidated the pass meanwhile.
    /// </summary>
    /// <param name="pause">Pause between batches (background sweep) or run flat out (cut-over's own copy).</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <returns>True when the pass finished while migrating (whether or not it could set the bit); false when the
    /// migration ended during it.</returns>
    private async Task<bool> SweepPassAsync(bool pause, CancellationToken cancellationToken)
    {
        long startedAt = Volatile.Read(ref _sweep);
        State state = Volatile.Read(ref _state);
        if (state.Remaining is not null)
        {
            return false;
        }

        cancellationToken.ThrowIfCancellationRequested();
        int batch = _options.SweepBatchSize;
        int inBatch = 0;

        // The source map's enumerator is weakly consistent: it yields every key present and unwritten throughout the
        // walk. Keys written during the walk were written to both maps, so the walk needs nothing more.
        using IEnumerator<KeyValuePair<TKey, TValue>> cursor = state.Source.GetEnumerator();
        while (cursor.MoveNext())
        {
            if (!CopyIfMissing(state.Target, cursor.Current.Key))
            {
                return false;
            }

            if (++inBatch == batch)
            {
                inBatch = 0;
                cancellationToken.ThrowIfCancellationRequested();
                if (pause)
                {
                    if (_options.SweepPause > TimeSpan.Zero)
                    {
                        await Task.Delay(_options.SweepPause, _time, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await Task.Yield();
                    }
                }
            }
        }

        CompleteSweep(startedAt);
        return true;
    }

    /// <summary>Copies <paramref name="key"/> to the target map under its lock if the target lacks it and the source has it.</summary>
    /// <returns>False when the migration has ended.</returns>
    private bool CopyIfMissing(IConcurrentMap<TKey, TValue> target, TKey key)
    {
        // Lock-free shortcut: a key already in the target needs nothing (only a failed write can take it out again
        // without removing it from the source, and that invalidates this pass).
        if (target.ContainsKey(key))
        {
            return true;
        }

        Lock stripe = StripeOf(key);
        if (EnterMigrating(stripe) is not { } locked)
        {
            return false;
        }

        try
        {
            // Under k's lock: a remove of k either finished (the source lacks k: nothing to copy) or has not started
            // (it will remove the copy too). Either way the copy cannot outlive a remove.
            if (!locked.Target.ContainsKey(key) && locked.Source.TryGetValue(key, out TValue? value))
            {
                locked.Target.TryAdd(key, value);
                _counters.SweptKeys.Add(1);
            }

            return true;
        }
        finally
        {
            stripe.Exit();
        }
    }

    /// <summary>Sets the sweep bit if no failed write bumped the epoch since <paramref name="startedAt"/>.</summary>
    private void CompleteSweep(long startedAt)
    {
        long epoch = startedAt & ~1L;

        // ORDER: Interlocked.CompareExchange is atomic and a full fence, as is InvalidateSweep's; both act on the one
        // word, so a bump since the pass began makes this CAS fail.
        Interlocked.CompareExchange(ref _sweep, epoch | 1, epoch);
    }

    /// <summary>Clears the sweep bit and bumps the epoch: a failed write may have left the target without a key.</summary>
    private void InvalidateSweep()
    {
        long seen;
        do
        {
            seen = Volatile.Read(ref _sweep);
        }
        while (Interlocked.CompareExchange(ref _sweep, (seen | 1) + 1, seen) != seen);
    }
}
