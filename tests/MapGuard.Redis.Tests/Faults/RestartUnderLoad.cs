using System.Collections.Concurrent;
using System.Diagnostics;
using MapGuard.Redis.Tests.Servers;

namespace MapGuard.Redis.Tests.Faults;

/// <summary>
/// Writers add fresh keys flat out while the server is stopped and started again, and record what each call said:
/// acknowledged, not applied (<see cref="MapUnavailableException"/>), or unknown (<see cref="MapOutcomeUnknownException"/>).
/// </summary>
public sealed class RestartUnderLoad
{
    private readonly ConcurrentQueue<long> _acknowledged = new();
    private readonly ConcurrentQueue<long> _notApplied = new();
    private readonly ConcurrentQueue<long> _unknown = new();
    private readonly ConcurrentQueue<TimeSpan> _failureDurations = new();
    private readonly ConcurrentQueue<Exception> _unexpected = new();
    private readonly ConcurrentQueue<MapUnavailableException> _failures = new();
    private long _restartedAtTicks = long.MaxValue;
    private int _acknowledgedAfterRestart;

    public IReadOnlyCollection<long> Acknowledged => _acknowledged;

    public IReadOnlyCollection<long> NotApplied => _notApplied;

    public IReadOnlyCollection<long> Unknown => _unknown;

    public IReadOnlyCollection<TimeSpan> FailureDurations => _failureDurations;

    public IReadOnlyCollection<Exception> Unexpected => _unexpected;

    public IReadOnlyCollection<MapUnavailableException> Failures => _failures;

    public int AcknowledgedAfterRestart => Volatile.Read(ref _acknowledgedAfterRestart);

    /// <summary>
    /// Runs <paramref name="writers"/> writer threads against <paramref name="map"/>: up for
    /// <paramref name="before"/>, down for <paramref name="down"/>, then up until 200 writes succeed after the restart
    /// (or 15 s pass).
    /// </summary>
    public void Run(IRestartableServer server, RedisMap<long, long> map, int writers, TimeSpan before, TimeSpan down)
    {
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        Thread[] threads =
        [
            .. Enumerable.Range(0, writers).Select(w => new Thread(() => Write(map, w, clock, stop.Token)) { IsBackground = true, Name = $"writer-{w}" }),
        ];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        Thread.Sleep(before);
        server.Halt();
        Thread.Sleep(down);
        server.Start();
        Volatile.Write(ref _restartedAtTicks, clock.Elapsed.Ticks);
        var deadline = Stopwatch.StartNew();
        while (AcknowledgedAfterRestart < 200 && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            Thread.Sleep(20);
        }

        stop.Cancel();
        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)), $"{thread.Name} hung.");
        }
    }

    private void Write(RedisMap<long, long> map, int writer, Stopwatch clock, CancellationToken stop)
    {
        for (long i = 0; !stop.IsCancellationRequested; i++)
        {
            long key = (writer * 1_000_000_000L) + i;
            long started = clock.Elapsed.Ticks;
            try
            {
                if (!map.TryAdd(key, ~key))
                {
                    _unexpected.Enqueue(new InvalidOperationException($"TryAdd of fresh key {key} returned false."));
                    continue;
                }

                _acknowledged.Enqueue(key);
                if (started > Volatile.Read(ref _restartedAtTicks))
                {
                    Interlocked.Increment(ref _acknowledgedAfterRestart);
                }
            }
            catch (MapUnavailableException failure)
            {
                _failures.Enqueue(failure);
                _failureDurations.Enqueue(TimeSpan.FromTicks(clock.Elapsed.Ticks - started));
                (failure.MayHaveBeenApplied ? _unknown : _notApplied).Enqueue(key);
            }
            catch (Exception other)
            {
                _unexpected.Enqueue(other);
            }
        }
    }
}
