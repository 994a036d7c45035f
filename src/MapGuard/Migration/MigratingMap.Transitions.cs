namespace MapGuard;

public sealed partial class MigratingMap<TKey, TValue>
{
    /// <summary>
    /// Finishes the migration: copies every key the target map still lacks (unless a sweep already did), then
    /// switches every call to the target map alone and releases the source map. Returns at once if the map has
    /// already cut over.
    /// </summary>
    /// <remarks>
    /// Linearizable against every racing call: the copy runs key by key under the keys' locks, while other calls go
    /// on; the switch holds every per-key lock for as long as it takes to publish the new phase. Raises
    /// <see cref="PhaseChanged"/>.
    /// </remarks>
    /// <param name="cancellationToken">Cancels the copy; the map then stays in its migrating phase, fully usable.</param>
    /// <exception cref="InvalidOperationException">The migration was rolled back (before or during this call).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled during the copy.</exception>
    public void CutOver(CancellationToken cancellationToken = default) => CutOverCore(MigrationTrigger.Requested, cancellationToken);

    /// <summary>
    /// Abandons the migration: every call uses the source map alone, which has received every write, and the target
    /// map is released. Returns at once if the map has already rolled back. Takes every per-key lock for as long as
    /// it takes to publish the new phase; raises <see cref="PhaseChanged"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The map has already cut over.</exception>
    public void Rollback()
    {
        lock (_transitionLock)
        {
            State state = Volatile.Read(ref _state);
            switch (state.Phase)
            {
                case MigrationPhase.RolledBack:
                    return;
                case MigrationPhase.CutOver:
                    throw new InvalidOperationException("The migration has already cut over; it can no longer be rolled back.");
            }

            Publish(state, State.Ended(MigrationPhase.RolledBack, state.Source), MigrationTrigger.Requested);
        }
    }

    /// <summary>
    /// Enters <see cref="MigrationPhase.Draining"/> (from <see cref="MigrationPhase.DualWrite"/>) and starts a background
    /// sweep that copies, a batch of <see cref="MigrationOptions.SweepBatchSize"/> keys at a time, every key of the
    /// source map that the target map lacks. With <see cref="MigrationOptions.CutOverWhenSweepCompletes"/> the map cuts
    /// over when the sweep is done.
    /// </summary>
    /// <param name="cancellationToken">Stops the sweep between two keys. The map stays in
    /// <see cref="MigrationPhase.Draining"/>, fully usable; a later call starts a new sweep.</param>
    /// <returns>
    /// A task that completes when the sweep (and the cut-over it triggers, if any) is done, or when the migration ended
    /// by another route meanwhile; it is cancelled when <paramref name="cancellationToken"/> (or <see cref="Dispose"/>)
    /// stops the sweep, and faults if a key comparer, an inner map or a <see cref="PhaseChanged"/> handler throws.
    /// </returns>
    /// <exception cref="InvalidOperationException">The migration has ended, or a sweep is already running.</exception>
    public Task DrainAsync(CancellationToken cancellationToken = default)
    {
        lock (_transitionLock)
        {
            State state = Volatile.Read(ref _state);
            if (state.Remaining is not null)
            {
                throw new InvalidOperationException($"The migration has ended ({state.Phase}); there is nothing to drain.");
            }

            if (_sweepTask is { IsCompleted: false })
            {
                throw new InvalidOperationException("A sweep is already running.");
            }

            if (state.Phase == MigrationPhase.DualWrite)
            {
                Publish(state, State.Migrating(MigrationPhase.Draining, state.Source, state.Target), MigrationTrigger.Requested);
            }

            // The linked source is disposed by the sweep task when it ends.
            var sweepCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            _sweepTask = Task.Run(() => BackgroundSweepAsync(sweepCancellation), CancellationToken.None);
            return _sweepTask;
        }
    }

    private void CutOverCore(MigrationTrigger trigger, CancellationToken cancellationToken)
    {
        while (true)
        {
            State state = Volatile.Read(ref _state);
            ThrowIfCannotCutOver(state.Phase);
            if (state.Phase == MigrationPhase.CutOver)
            {
                return;
            }

            // The copy runs without the transition lock, so Rollback and other calls are never blocked behind it.
            if (!SweepCompleted && !SweepPassAsync(pause: false, cancellationToken).GetAwaiter().GetResult())
            {
                continue; // the migration ended during the pass: the loop reports how
            }

            lock (_transitionLock)
            {
                state = Volatile.Read(ref _state);
                ThrowIfCannotCutOver(state.Phase);
                if (state.Phase == MigrationPhase.CutOver)
                {
                    return;
                }

                if (TryPublishCutOver(state, trigger))
                {
                    return;
                }
            }

            // A failed write invalidated the finished pass between the copy and the switch: copy again.
        }
    }

    private static void ThrowIfCannotCutOver(MigrationPhase phase)
    {
        if (phase == MigrationPhase.RolledBack)
        {
            throw new InvalidOperationException("The migration was rolled back; it can no longer cut over.");
        }
    }

    /// <summary>Switches to <see cref="MigrationPhase.CutOver"/> if the sweep bit still proves target == source.</summary>
    private bool TryPublishCutOver(State state, MigrationTrigger trigger)
    {
        MigrationPhaseChangedEventArgs change;
        AcquireAllLocks();
        try
        {
            // ORDER: InvalidateSweep runs under a stripe, so under every stripe this read is stable until release; lock
            // acquire orders it after every InvalidateSweep that released its stripe first.
            if (!SweepCompleted)
            {
                return false;
            }

            // LINEARIZATION POINT of the phase change: no call holds a stripe, and target == source (the sweep bit),
            // so A(k) = target(k) before and after for every k.
            Volatile.Write(ref _state, State.Ended(MigrationPhase.CutOver, state.Target));
            change = new MigrationPhaseChangedEventArgs(state.Phase, MigrationPhase.CutOver, trigger, _time.GetUtcNow());
        }
        finally
        {
            ReleaseAllLocks();
        }

        Ended();
        PhaseChanged?.Invoke(this, change);
        return true;
    }

    /// <summary>Publishes <paramref name="next"/> under every stripe lock, then raises the event. Caller holds _transitionLock.</summary>
    private void Publish(State current, State next, MigrationTrigger trigger)
    {
        MigrationPhaseChangedEventArgs change;
        AcquireAllLocks();
        try
        {
            // LINEARIZATION POINT of the phase change: no call holds a stripe. Rolling back keeps A(k) = source(k)
            // (quiescent keys satisfy I2); entering Draining changes nothing but the name.
            Volatile.Write(ref _state, next);
            change = new MigrationPhaseChangedEventArgs(current.Phase, next.Phase, trigger, _time.GetUtcNow());
        }
        finally
        {
            ReleaseAllLocks();
        }

        if (next.Remaining is not null)
        {
            Ended();
        }

        PhaseChanged?.Invoke(this, change);
    }

    /// <summary>After the migration ended: stop the timer; a running sweep sees the phase and stops by itself.</summary>
    private void Ended()
    {
        _hitRatioTimer?.Dispose();
        _hitRatioTimer = null;
    }
}
