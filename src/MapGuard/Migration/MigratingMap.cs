using System.Runtime.CompilerServices;
using MapGuard.Internal;
using MapGuard.Migration;

namespace MapGuard;

/// <summary>
/// Moves a live map's contents to another map without stopping its users: every write reaches both maps, reads are
/// answered by the target map first and fall back to the source map (copying what they find), an optional background
/// sweep copies the rest, and at cut-over only the target map is left. The map is linearizable in every phase and
/// across phase changes, like one map.
/// </summary>
/// <remarks>
/// <para><b>Ownership.</b> The map takes over both maps: no other code may write them while it runs, or its
/// guarantees end. The target map must be empty. Neither map may drop entries by itself (capacity eviction, expiry)
/// while the migration runs: the argument that no entry is lost assumes every change comes through this map. Pass the comparer both maps use as <c>comparer</c>: the map hashes
/// keys with it to pick a per-key lock, so two keys the maps consider equal must hash alike under it.</para>
/// <para><b>Phases.</b> <see cref="MigrationPhase.DualWrite"/> on construction; <see cref="DrainAsync"/> enters
/// <see cref="MigrationPhase.Draining"/> and sweeps; <see cref="CutOver"/> (or the automatic cut-over) ends in
/// <see cref="MigrationPhase.CutOver"/>; <see cref="Rollback"/> ends in <see cref="MigrationPhase.RolledBack"/>.
/// The two end phases are final, and each excludes the other. A cut-over always copies every key the target map still
/// lacks before it switches, so no trigger can drop an entry.</para>
/// <para><b>Consistency:</b> every single-key operation is linearizable, in every phase and across phase changes,
/// including <see cref="CutOver"/> and <see cref="Rollback"/> racing with writes. A remove is never undone by a
/// backfill or the sweep. Racing writes to one key leave both maps holding the same final value. While migrating,
/// <see cref="Count"/> is the source map's count (exact if the source map's is) and enumeration walks the source
/// map (weakly consistent, never throws); after the migration both are the remaining map's. <see cref="Clear"/> is
/// atomic with respect to every other write. docs/design/migration.md has the argument.</para>
/// <para><b>Factories</b> run outside every lock of this map. <c>GetOrAdd</c>'s factory can run more than once for one
/// key when callers race; one result is stored. <c>AddOrUpdate</c>'s factories may run more than once per call,
/// retrying until the value they saw (compared with <see cref="EqualityComparer{T}.Default"/>) is the value they
/// replace. A throwing factory, comparer or inner map leaves both maps as they were. <c>GetOrAddOnce</c> and <c>AddOrUpdateOnce</c> run an absent key's add factory at most once among racing
/// callers (a per-key gate; docs/design/drop-in.md).</para>
/// <para><b>Progress:</b> while migrating, reads of keys the target map holds take no lock of this map (the target
/// map's own progress guarantee); writes, fallback reads and the sweep block on one per-key lock; a phase change
/// takes every per-key lock briefly. After the migration every call goes straight to the remaining map and has
/// its progress guarantee.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed partial class MigratingMap<TKey, TValue> : IConcurrentMap<TKey, TValue>, IDisposable
    where TKey : notnull
{
    /*
     * Concurrency: _state is an immutable (phase, source, target) triple, replaced only while a transition holds
     *   every stripe lock. While migrating, every operation that writes either map, every read that falls back to the
     *   source map, and every sweep copy runs under the key's stripe lock, and reads _state again under it: holding
     *   any stripe pins the phase. Lock-free paths touch only the target map.
     *   Per-key invariants, for every key k at every instant while migrating:
     *     (I1) k in target => k in source            (the target's key set is a subset of the source's)
     *     (I2) no stripe holder mid-write on k => target(k) absent or == source(k)
     *   Abstract state: A(k) = target(k) if the target holds k, else source(k). Writes keep it single-stepping:
     *   adds and updates write the source first, then the target; removes remove from the target first, then the
     *   source; so each write changes A(k) at exactly one instant, its linearization point, and lock-free readers
     *   (which read the target only) never see a value A(k) has not had. A read that misses the target takes the lock,
     *   so it sees a quiescent key: A(k) = source(k). A backfill or sweep copies source(k) into the target under the
     *   lock, which cannot change A(k) (I2), and cannot resurrect a removed key: the remove holds the same lock and
     *   empties both maps before releasing it.
     *   Cut-over needs target == source: a sweep pass started while migrating proves it (every key present through
     *   the pass is copied; every key written during it is written to both), and _sweep's completion bit records it.
     *   CutOver runs a pass if none completed, then switches under every lock, re-checking the bit there.
     * Memory ordering (rules of the .NET memory model, docs/design/specs/Memory-model.md in dotnet/runtime): _state is
     *   an immutable object published with Volatile.Write (release) inside a phase change, under every stripe lock;
     *   lock-free paths Volatile.Read (acquire) it once into a local and use that triple for the whole call. Lock
     *   acquire and release order everything written under the stripe locks. _sweep changes only by
     *   Interlocked.CompareExchange (a full fence).
     * Progress: see the remarks. Phase changes are serialised by _transitionLock; they acquire stripes in index order
     *   and no thread holding a stripe waits for another, so they cannot deadlock with operations.
     * References: dual writes with read-through backfill, the usual recipe for a rolling upgrade of a store, as in
     *   online schema migration tools (GitHub's gh-ost, Facebook's OSC, Stripe's "online migrations at scale");
     *   lock striping as in Java's ConcurrentHashMap (Lea) and .NET's ConcurrentDictionary; the linearizability
     *   argument by abstraction function in the style of Herlihy and Wing.
     */

    // 16 stripes per processor: with P threads writing random keys, two of them share a stripe with probability about
    // 1/16 per write, and the array is a few KB. ConcurrentDictionary uses one lock per processor.
    private const int StripesPerProcessor = 16;

    private readonly Lock[] _locks;
    private readonly int _lockShift;
    private readonly KeyComparer<TKey> _keys;
    private readonly MigrationOptions _options;
    private readonly TimeProvider _time;
    private readonly MigrationCounters _counters = new();
    private readonly Lock _transitionLock = new();
    private readonly CancellationTokenSource _disposed = new();

    // Read by the meter through MigrationTelemetry.Live; held here so that it lives exactly as long as this map.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0052", Justification = "Kept alive by this field; the meter finds it through a weak reference.")]
    private readonly MigrationTelemetry _telemetry;

    // PUBLISHED BY: the constructor, then Volatile.Write in Publish and TryPublishCutOver under every stripe;
    // READ WITH: Volatile.Read into a local.
    private State _state;

    // Bit 0: a sweep pass completed (target == source); bits 1..: epoch, bumped whenever a failed write may have left
    // the target missing a key. WRITTEN WITH: Interlocked (CompleteSweep, InvalidateSweep).
    private long _sweep;

    private Task? _sweepTask;      // GUARDED BY: _transitionLock
    private ITimer? _hitRatioTimer; // GUARDED BY: _transitionLock

    /// <summary>Starts a migration from <paramref name="from"/> to <paramref name="to"/>, in <see cref="MigrationPhase.DualWrite"/>.</summary>
    /// <param name="from">The map in use now; it stays the authority until cut-over.</param>
    /// <param name="to">The map to move to. It must be empty.</param>
    /// <param name="options">Cut-over and sweep settings, copied now; null for the defaults.</param>
    /// <param name="comparer">The key comparer both maps use (null for <see cref="EqualityComparer{T}.Default"/>), used
    /// to hash keys to per-key locks.</param>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> or <paramref name="to"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="from"/> and <paramref name="to"/> are the same map, or
    /// <paramref name="to"/> is not empty.</exception>
    public MigratingMap(IConcurrentMap<TKey, TValue> from, IConcurrentMap<TKey, TValue> to, MigrationOptions? options = null, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (ReferenceEquals(from, to))
        {
            throw new ArgumentException("The source and target of a migration must be different maps.", nameof(to));
        }

        if (!to.IsEmpty)
        {
            throw new ArgumentException("The target map of a migration must be empty.", nameof(to));
        }

        _options = options?.Clone() ?? new MigrationOptions();
        _time = _options.TimeProvider;
        _keys = new KeyComparer<TKey>(comparer);
        int stripes = _options.LockStripes != 0
            ? _options.LockStripes
            : HashHelpers.RoundUpToPowerOf2(Math.Min(Environment.ProcessorCount * StripesPerProcessor, MigrationOptions.MaxLockStripes));
        stripes = Math.Max(stripes, 2); // HashHelpers.ShiftFor needs at least 2
        _locks = new Lock[stripes];
        for (int i = 0; i < _locks.Length; i++)
        {
            _locks[i] = new Lock();
        }

        _lockShift = HashHelpers.ShiftFor(stripes);
        _state = State.Migrating(MigrationPhase.DualWrite, from, to);
        _telemetry = new MigrationTelemetry(_options.Name ?? Telemetry.MapNames.Default(GetType()), GetStatistics);
        if (_options.CutOverOnHitRatio)
        {
            StartHitRatioTimer();
        }
    }

    /// <summary>Occurs after each phase change, on the thread that made it, outside every per-key lock.</summary>
    /// <remarks>
    /// Handlers run one phase change at a time, in order. A handler may read the map and call <see cref="CutOver"/>
    /// or <see cref="Rollback"/>. An exception from a handler does not undo the change; it propagates to the caller
    /// that made it (for an automatic cut-over: it faults the <see cref="DrainAsync"/> task, or is kept in
    /// <see cref="BackgroundError"/>).
    /// </remarks>
    public event EventHandler<MigrationPhaseChangedEventArgs>? PhaseChanged;

    /// <summary>Gets the current phase.</summary>
    public MigrationPhase Phase => Volatile.Read(ref _state).Phase;

    /// <summary>Gets the last exception thrown by the automatic cut-over on the hit-ratio timer, or null.</summary>
    public Exception? BackgroundError { get; private set; }

    /// <summary>Gets the raw counters, for observable instruments.</summary>
    internal MigrationCounters Counters => _counters;

    /// <summary>Gets the number of per-key locks.</summary>
    internal int LockStripeCount => _locks.Length;

    /// <summary>Returns a snapshot of the migration's counters.</summary>
    /// <returns>The counters now.</returns>
    public MigrationStatistics GetStatistics() => new()
    {
        Phase = Phase,
        TargetHits = _counters.TargetHits.Sum(),
        FallbackReads = _counters.FallbackReads.Sum(),
        Backfills = _counters.Backfills.Sum(),
        Misses = _counters.Misses.Sum(),
        SweptKeys = _counters.SweptKeys.Sum(),
        SweepCompleted = SweepCompleted,
        WindowHitRatio = Volatile.Read(ref _windowHitRatio),
    };

    /// <summary>
    /// Stops the hit-ratio timer and cancels a running sweep. The phase does not change, and the map stays usable:
    /// calls still follow the current phase, and <see cref="CutOver"/> and <see cref="Rollback"/> still work. Until
    /// the migration ends or this is called, the hit-ratio timer keeps the map reachable.
    /// </summary>
    public void Dispose()
    {
        lock (_transitionLock)
        {
            _hitRatioTimer?.Dispose();
            _hitRatioTimer = null;
        }

        _disposed.Cancel();
    }

    private bool SweepCompleted => (Volatile.Read(ref _sweep) & 1) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lock StripeOf(TKey key) => _locks[HashHelpers.TopBits(HashHelpers.Spread(_keys.Hash(key)), _lockShift)];

    /// <summary>
    /// Takes <paramref name="stripe"/> and returns the state it pins while migrating. When the migration has ended,
    /// releases the stripe and returns null: the caller then uses the remaining map without a lock.
    /// </summary>
    private State? EnterMigrating(Lock stripe)
    {
        stripe.Enter();

        // ORDER: read under the stripe; a phase change publishes _state only while holding every stripe, and the stripe's
        // lock acquire (after the transition's release) makes that store visible here.
        State state = Volatile.Read(ref _state);
        if (state.Remaining is null)
        {
            return state;
        }

        stripe.Exit();
        return null;
    }

    /// <summary>The remaining map once the migration has ended (read after <see cref="EnterMigrating"/> returned null).</summary>
    private IConcurrentMap<TKey, TValue> Remaining => Volatile.Read(ref _state).Remaining!;

    private void AcquireAllLocks()
    {
        for (int i = 0; i < _locks.Length; i++)
        {
            _locks[i].Enter();
        }
    }

    private void ReleaseAllLocks()
    {
        for (int i = _locks.Length - 1; i >= 0; i--)
        {
            _locks[i].Exit();
        }
    }

    /// <summary>One phase and the maps it uses. Immutable: a phase change publishes a new one.</summary>
    private sealed class State
    {
        private State(MigrationPhase phase, IConcurrentMap<TKey, TValue> source, IConcurrentMap<TKey, TValue> target, IConcurrentMap<TKey, TValue>? remaining)
        {
            Phase = phase;
            Source = source;
            Target = target;
            Remaining = remaining;
        }

        public MigrationPhase Phase { get; }

        /// <summary>Gets the source map (after the migration: the remaining map, so the other one is released).</summary>
        public IConcurrentMap<TKey, TValue> Source { get; }

        /// <summary>Gets the target map (after the migration: the remaining map).</summary>
        public IConcurrentMap<TKey, TValue> Target { get; }

        /// <summary>Gets the one map in use after the migration ended; null while migrating.</summary>
        public IConcurrentMap<TKey, TValue>? Remaining { get; }

        /// <summary>A migrating phase: <see cref="MigrationPhase.DualWrite"/> or <see cref="MigrationPhase.Draining"/>.</summary>
        public static State Migrating(MigrationPhase phase, IConcurrentMap<TKey, TValue> source, IConcurrentMap<TKey, TValue> target) =>
            new(phase, source, target, null);

        /// <summary>An end phase that keeps only <paramref name="remaining"/>.</summary>
        public static State Ended(MigrationPhase phase, IConcurrentMap<TKey, TValue> remaining) =>
            new(phase, remaining, remaining, remaining);
    }
}
