using System.Diagnostics.Tracing;

namespace MapGuard.Cli.Lab.GcResize;

/// <summary>
/// Records the runtime's GC pauses in-process: an <see cref="EventListener"/> on the runtime provider with the GC
/// keyword, pairing GCSuspendEEBegin (the runtime starts stopping threads) with GCRestartEEEnd (they run again).
/// A pause's length comes from the two events' own timestamps, so it is exact; where it falls relative to other
/// clocks is only good to a millisecond or so, because events are stamped and delivered by the runtime.
/// </summary>
internal sealed class GcPauseListener : EventListener
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int SuspendBeginId = 9;
    private const int RestartEndId = 3;

    // Field initializers run before the base constructor, which may already call OnEventSourceCreated.
    private readonly List<(DateTime Begin, DateTime End)> _pauses = [];
    private long _pendingBegin = -1; // DateTime ticks of the last GCSuspendEEBegin, -1 when none is open

    /// <summary>Gets the pauses that began between <paramref name="from"/> and <paramref name="to"/> (UTC).</summary>
    public List<TimeSpan> PausesBetween(DateTime from, DateTime to)
    {
        lock (_pauses)
        {
            return [.. _pauses.Where(p => p.Begin >= from && p.Begin <= to).Select(p => p.End - p.Begin)];
        }
    }

    /// <summary>Waits until a pause that began after <paramref name="after"/> has been delivered (events arrive late, in batches).</summary>
    public void Drain(DateTime after, TimeSpan atMost)
    {
        var deadline = DateTime.UtcNow + atMost;
        while (DateTime.UtcNow < deadline)
        {
            lock (_pauses)
            {
                if (_pauses.Count > 0 && _pauses[^1].Begin >= after)
                {
                    return;
                }
            }

            Thread.Sleep(20);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeProvider)
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId == SuspendBeginId)
        {
            Volatile.Write(ref _pendingBegin, eventData.TimeStamp.ToUniversalTime().Ticks);
        }
        else if (eventData.EventId == RestartEndId)
        {
            long begin = Interlocked.Exchange(ref _pendingBegin, -1);
            if (begin >= 0)
            {
                lock (_pauses)
                {
                    _pauses.Add((new DateTime(begin, DateTimeKind.Utc), eventData.TimeStamp.ToUniversalTime()));
                }
            }
        }
    }
}
