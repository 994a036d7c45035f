using System.Diagnostics;
using MapGuard.Testing.Flooding;

namespace MapGuard.StressTests.Detection;

/// <summary>
/// A write that throws from inside the dictionary must still release the guard. The nastiest source is user code the
/// guard does not expect: a <see cref="TraceListener"/> that throws while MapGuard writes a hash-flood warning. Runs
/// in the stress project, whose tests do not run in parallel, because trace listeners are process-wide.
/// </summary>
public sealed class GuardedDictionaryThrowingListenerTests
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(GuardMode.Throw)]
    [InlineData(GuardMode.Report)]
    public void AFloodWarningThatThrowsInsideAWrite_LeavesTheDictionaryReleased(GuardMode mode)
    {
        // A user comparer whose hash MapGuard cannot strengthen is watched for floods from inside the dictionary's
        // calls; these keys all hash alike under it, so the watcher reports, and the report runs the listener.
        string[] colliding = AdversarialKeys.StringsCollidingUnderWordDjb2(600);
        var map = new GuardedDictionary<string, int>(0, new ConstantHashComparer(), new GuardOptions { Mode = mode, Name = "throwing-listener" });

        // A table near its load limit, as the review found it: colliders spill past their home group.
        int filler = 0;
        while (map.Count < 3_000)
        {
            map[$"filler-{filler++}"] = filler;
        }

        var listener = new ThrowingListener();
        Trace.Listeners.Add(listener);
        int listenerThrew = 0;
        try
        {
            foreach (string key in colliding)
            {
                try
                {
                    map[key] = 1;
                }
                catch (ListenerException)
                {
                    listenerThrew++;
                }

                try
                {
                    map.Remove(key);
                    map[key] = 2;
                }
                catch (ListenerException)
                {
                    listenerThrew++;
                }
            }
        }
        finally
        {
            Trace.Listeners.Remove(listener);
        }

        // Whatever the listener did, the dictionary is released: another thread reads and writes it without a
        // violation, and (Report mode) without waiting forever on a writer that never finished.
        Exception? failure = null;
        var other = new Thread(() =>
        {
            try
            {
                map["after"] = 42;
                Assert.True(map.TryGetValue("after", out int value));
                Assert.Equal(42, value);
                Assert.True(map.Remove(colliding[0]) || !map.ContainsKey(colliding[0]));
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }) { IsBackground = true };
        other.Start();
        Assert.True(other.Join(Watchdog), $"a write from another thread hung (the listener threw {listenerThrew} times)");
        Assert.Null(failure);
        Assert.True(listenerThrew > 0, "the flood warning never ran the listener: the test exercised nothing");
        Assert.Equal(0, map.ViolationCount);
        Assert.False(map.IsSerialized);
    }

    /// <summary>
    /// The review's shape of defect 2: keys <c>i &lt;&lt; 39</c> under the default comparer, set through the indexer,
    /// the write path a guard may be tempted to run without an exception handler because its own comparer cannot
    /// throw. A flood warning raised on that path (the keys once shared a tag) ran the throwing listener with the
    /// writer bit set and left it set. Whether or not a warning fires, every write must end released.
    /// </summary>
    [Theory]
    [InlineData(GuardMode.Throw)]
    [InlineData(GuardMode.Report)]
    public void IntegerKeysSetThroughTheIndexer_WithAThrowingListener_LeaveTheDictionaryReleased(GuardMode mode)
    {
        const int Keys = 200_000;
        var map = new GuardedDictionary<long, int>(0, null, new GuardOptions { Mode = mode, Name = "throwing-listener-longs" });
        var listener = new ThrowingListener();
        Trace.Listeners.Add(listener);
        int listenerThrew = 0;
        try
        {
            for (long i = 1; i <= Keys; i++)
            {
                try
                {
                    map[i << 39] = 1;
                }
                catch (ListenerException)
                {
                    listenerThrew++;
                }
            }
        }
        finally
        {
            Trace.Listeners.Remove(listener);
        }

        Exception? failure = null;
        var other = new Thread(() =>
        {
            try
            {
                map[-1] = 42;
                Assert.True(map.TryGetValue(-1, out int value));
                Assert.Equal(42, value);
                Assert.True(map.Remove(1L << 39) || !map.ContainsKey(1L << 39));
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }) { IsBackground = true };
        other.Start();
        Assert.True(other.Join(Watchdog), $"a write from another thread hung (the listener threw {listenerThrew} times)");
        Assert.Null(failure);
        Assert.Equal(0, map.ViolationCount);
        Assert.False(map.IsSerialized);
        Assert.Equal(0, listenerThrew); // the keys' full hashes differ: no flood warning, so nothing ran the listener
    }

    private sealed class ListenerException() : Exception("the trace listener failed");

    private sealed class ThrowingListener : TraceListener
    {
        public override void Write(string? message) => throw new ListenerException();

        public override void WriteLine(string? message) => throw new ListenerException();
    }

    private sealed class ConstantHashComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => obj.StartsWith("filler-", StringComparison.Ordinal) ? obj.GetHashCode(StringComparison.Ordinal) : 7;
    }
}
