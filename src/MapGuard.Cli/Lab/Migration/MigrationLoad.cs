using System.Diagnostics;

namespace MapGuard.Cli.Lab.Migration;

/// <summary>
/// The running read/write load of <c>mapguard lab migration</c>. Worker threads call the map that is installed now
/// (<see cref="Install"/> swaps it while every worker is parked between two calls) without stopping. Reads (90%) and
/// writes (10%: sets, removes, adds) go to the hot half of the keys; the cold half is never touched, so only the
/// migration's sweep can copy it. A write picks one of the worker's own keys, so each key has one writer whose last
/// write is known exactly. Every read is checked: a worker's own key must hold its last write; any
/// other key must hold a value written for that key. <see cref="Verify"/> then checks every key of the map.
/// </summary>
internal sealed class MigrationLoad
{
    /// <summary>The value meaning "the key's last write removed it".</summary>
    private const long Absent = long.MinValue;

    private readonly int _keys;
    private readonly long[] _expected;      // per key: its owner's last write (or Absent); written only by the owner
    private readonly Worker[] _workers;
    private IConcurrentMap<long, long> _map; // PUBLISHED BY: Volatile.Write in Install while every worker is parked
    private readonly double[] _stageSeconds = new double[5]; // GUARDED BY: _stageLock
    private readonly Lock _stageLock = new();
    private long _stageSince;                // GUARDED BY: _stageLock; when the current stage began (Stopwatch ticks)
    private int _stage = (int)LoadStage.WarmUp; // the LoadStage calls are counted under
    private int _pauseRequested;
    private int _parked;
    private bool _stop;

    public MigrationLoad(IConcurrentMap<long, long> map, int keys, int workers)
    {
        _keys = keys;
        _map = map;
        _expected = new long[keys];
        for (long key = 0; key < keys; key++)
        {
            long value = Encode(key, 0);
            map[key] = value;
            _expected[key] = value;
        }

        _workers = [.. Enumerable.Range(0, workers).Select(w => new Worker(this, w))];
    }

    /// <summary>Gets the number of worker threads.</summary>
    public int Workers => _workers.Length;

    /// <summary>Gets or sets the stage new calls are counted under; the time between two changes goes to the stage that ends.</summary>
    public LoadStage Stage
    {
        get => (LoadStage)Volatile.Read(ref _stage);
        set
        {
            lock (_stageLock)
            {
                long now = Stopwatch.GetTimestamp();
                _stageSeconds[_stage] += Stopwatch.GetElapsedTime(_stageSince, now).TotalSeconds;
                _stageSince = now;
                Volatile.Write(ref _stage, (int)value);
            }
        }
    }

    /// <summary>Gets the calls made so far, over every worker and stage.</summary>
    public long Calls => _workers.Sum(w => w.Calls.Sum(c => Volatile.Read(ref c.Value)));

    /// <summary>Starts the workers.</summary>
    public void Start()
    {
        _stageSince = Stopwatch.GetTimestamp();
        foreach (Worker worker in _workers)
        {
            worker.Thread.Start();
        }
    }

    /// <summary>Parks every worker between two calls, installs <paramref name="map"/>, and lets them go.</summary>
    /// <returns>How long the workers were held.</returns>
    public TimeSpan Install(IConcurrentMap<long, long> map, LoadStage stage)
    {
        long start = Stopwatch.GetTimestamp();
        Volatile.Write(ref _pauseRequested, 1);
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _parked) < _workers.Length && !_workers.Any(w => w.Failed))
        {
            spinner.SpinOnce();
        }

        // ORDER: every worker is parked, so none is inside a call on the old map: each finished its call before its
        // Interlocked.Increment of _parked (a full fence) that the loop above read. The Volatile.Write (release) of
        // _pauseRequested below comes after this store of _map, and a worker reads _map only after its Volatile.Read
        // (acquire) of _pauseRequested has seen 0, so it reads the new map.
        Volatile.Write(ref _map, map);
        Stage = stage;
        Volatile.Write(ref _pauseRequested, 0);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Stops the workers and waits for them.</summary>
    /// <returns>False if a worker did not stop within <paramref name="timeout"/>.</returns>
    public bool Stop(TimeSpan timeout)
    {
        LoadStage current = Stage;
        Stage = current; // closes the current stage's time
        Volatile.Write(ref _stop, true);
        DateTime deadline = DateTime.UtcNow + timeout;
        return _workers.All(w => w.Thread.Join(Max(deadline - DateTime.UtcNow, TimeSpan.Zero)));
    }

    /// <summary>Gets the seconds spent in <paramref name="stage"/> (complete after <see cref="Stop"/>).</summary>
    public double SecondsIn(LoadStage stage)
    {
        lock (_stageLock)
        {
            return _stageSeconds[(int)stage];
        }
    }

    /// <summary>Gets the calls made in <paramref name="stage"/>.</summary>
    public long CallsIn(LoadStage stage) => _workers.Sum(w => Volatile.Read(ref w.Calls[(int)stage].Value));

    /// <summary>Gets the latency samples of <paramref name="stage"/> (read after <see cref="Stop"/>).</summary>
    public IEnumerable<LatencySamples> SamplesOf(LoadStage stage) => _workers.Select(w => w.Samples[(int)stage]);

    /// <summary>Gets the errors the workers saw: exceptions and reads that returned a wrong value.</summary>
    public List<string> Errors => [.. _workers.SelectMany(w => w.Errors)];

    /// <summary>Gets the number of errors.</summary>
    public long ErrorCount => _workers.Sum(w => w.ErrorCount);

    /// <summary>
    /// Checks every key of <paramref name="map"/> (and, if given, of <paramref name="alone"/>, the map that must now hold
    /// everything by itself) against the owners' last writes. Call after <see cref="Stop"/>.
    /// </summary>
    /// <returns>Keys whose last write is missing or changed (in either map), and removed keys that came back.</returns>
    public (long Lost, long Resurrected, string? Example) Verify(IConcurrentMap<long, long> map, IConcurrentMap<long, long>? alone)
    {
        long lost = 0, resurrected = 0;
        string? example = null;
        long present = 0;
        for (long key = 0; key < _keys; key++)
        {
            long want = _expected[key];
            present += want == Absent ? 0 : 1;
            foreach (IConcurrentMap<long, long> subject in alone is null ? [map] : new[] { map, alone })
            {
                bool has = subject.TryGetValue(key, out long value);
                if (want == Absent && has)
                {
                    resurrected++;
                    example ??= $"key {key} was removed by its last write but {subject.GetType().Name} holds it";
                    break;
                }

                if (want != Absent && (!has || value != want))
                {
                    lost++;
                    example ??= $"key {key}: last write {want}, {subject.GetType().Name} has {(has ? value : "nothing")}";
                    break;
                }
            }
        }

        if (map.Count != present)
        {
            example ??= $"Count is {map.Count}, the last writes leave {present}";
            lost += lost + resurrected == 0 ? 1 : 0; // a wrong count with every key right is still a failure
        }

        return (lost, resurrected, example);
    }

    private static long Encode(long key, long version) => (key << 32) | (uint)version;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A counter alone on its cache line, so workers never share one.</summary>
    private sealed class PaddedCount
    {
#pragma warning disable CS0169, IDE0051 // padding
        private readonly long _p0, _p1, _p2, _p3, _p4, _p5, _p6;
#pragma warning restore CS0169, IDE0051
        public long Value;
    }

    /// <summary>One load thread with its own key partition, counters and samples.</summary>
    private sealed class Worker
    {
        private readonly MigrationLoad _load;
        private readonly int _index;

        public Worker(MigrationLoad load, int index)
        {
            _load = load;
            _index = index;
            Thread = new Thread(Run) { IsBackground = true, Name = $"lab-migration-{index}" };
        }

        public Thread Thread { get; }

        public PaddedCount[] Calls { get; } = [new(), new(), new(), new(), new()];

        public LatencySamples[] Samples { get; } = [new(), new(), new(), new(), new()];

        public List<string> Errors { get; } = [];

        public long ErrorCount { get; private set; }

        public bool Failed { get; private set; }

        private void Run()
        {
            MigrationLoad load = _load;
            int workers = load._workers.Length;
            int hotKeys = load._keys / 2;
            int ownHotKeys = (hotKeys - _index + workers - 1) / workers;
            var random = new Random(1_000 + _index);
            long version = 0;
            long tick = 0;
            try
            {
                while (!Volatile.Read(ref load._stop))
                {
                    if (Volatile.Read(ref load._pauseRequested) != 0)
                    {
                        Park(load);
                        continue;
                    }

                    IConcurrentMap<long, long> map = Volatile.Read(ref load._map);
                    int stage = Volatile.Read(ref load._stage);
                    LatencySamples samples = Samples[stage];
                    bool timed = (++tick & (samples.Stride - 1)) == 0;
                    long start = timed ? Stopwatch.GetTimestamp() : 0;
                    int dice = random.Next(100);
                    if (dice < 90)
                    {
                        long key = random.Next(hotKeys);
                        bool found = map.TryGetValue(key, out long value);
                        long end = timed ? Stopwatch.GetTimestamp() : 0;
                        Check(key, found, value);
                        if (timed)
                        {
                            samples.Add(end - start);
                        }
                    }
                    else
                    {
                        long key = _index + ((long)workers * random.Next(ownHotKeys));
                        long value = Encode(key, ++version);
                        ref long expected = ref load._expected[key];
                        if (dice < 96)
                        {
                            map[key] = value;
                            expected = value;
                        }
                        else if (dice < 98)
                        {
                            bool removed = map.TryRemove(key, out long old);
                            if (removed != (expected != Absent) || (removed && old != expected))
                            {
                                Error($"TryRemove({key}) returned {removed} with {old}; its last write was {(expected == Absent ? "a remove" : expected)}");
                            }

                            expected = Absent;
                        }
                        else
                        {
                            bool added = map.TryAdd(key, value);
                            if (added != (expected == Absent))
                            {
                                Error($"TryAdd({key}) returned {added}; its last write was {(expected == Absent ? "a remove" : expected)}");
                            }

                            if (added)
                            {
                                expected = value;
                            }
                        }

                        if (timed)
                        {
                            samples.Add(Stopwatch.GetTimestamp() - start);
                        }
                    }

                    Calls[stage].Value++;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Error($"{ex.GetType().Name}: {ex.Message}");
                Failed = true;
            }
        }

        private void Check(long key, bool found, long value)
        {
            MigrationLoad load = _load;
            if (key % load._workers.Length == _index)
            {
                long expected = load._expected[key];
                if (found != (expected != Absent) || (found && value != expected))
                {
                    Error($"read of own key {key} returned {(found ? value : "nothing")}; its last write was {(expected == Absent ? "a remove" : expected)}");
                }
            }
            else if (found && value >> 32 != key)
            {
                Error($"read of key {key} returned {value}, which was written for key {value >> 32}");
            }
        }

        private void Error(string message)
        {
            ErrorCount++;
            if (Errors.Count < 5)
            {
                Errors.Add(message);
            }
        }

        private static void Park(MigrationLoad load)
        {
            Interlocked.Increment(ref load._parked);
            var spinner = default(SpinWait);
            while (Volatile.Read(ref load._pauseRequested) != 0 && !Volatile.Read(ref load._stop))
            {
                spinner.SpinOnce();
            }

            Interlocked.Decrement(ref load._parked);
        }
    }
}
