using System.Collections;
using System.Collections.Concurrent;
using MapGuard.Compat.Tests.Maps;
using MapGuard.Testing.Migration;

namespace MapGuard.Compat.Tests.DropIn;

/// <summary>
/// Every map's enumerator behaves as <c>ConcurrentDictionary</c>'s (dotnet/runtime's <c>Enumerator</c>): <c>Current</c>
/// never throws, it is the default before the first <c>MoveNext</c> and after <c>Reset</c> and keeps the last entry after
/// the end, <c>Reset</c> starts a fresh walk, and <c>MoveNext</c> after the end stays false.
/// </summary>
public sealed class EnumeratorTests
{
    [Theory]
    [MemberData(nameof(MapKinds.All), MemberType = typeof(MapKinds))]
    public void Enumerator_ThroughItsWholeLife_BehavesAsConcurrentDictionarys(string kindName)
    {
        KeyValuePair<int, int>[] entries = [new(1, 10), new(2, 20), new(3, 30)];
        IConcurrentMap<int, int> map = MapKinds.Get(kindName).Create<int, int>(entries);

        Assert.Equal(Lifecycle(new ConcurrentDictionary<int, int>(entries).GetEnumerator()), Lifecycle(map.GetEnumerator()));
    }

    [Theory]
    [MemberData(nameof(MapKinds.All), MemberType = typeof(MapKinds))]
    public void Reset_AfterTheMapChanged_WalksTheMapAsItIsThen(string kindName)
    {
        IConcurrentMap<int, int> map = MapKinds.Get(kindName).Create<int, int>();
        map[1] = 1;
        using IEnumerator<KeyValuePair<int, int>> enumerator = map.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        Assert.False(enumerator.MoveNext());

        map[2] = 2;
        enumerator.Reset();
        var seen = new List<int>();
        while (enumerator.MoveNext())
        {
            seen.Add(enumerator.Current.Key);
        }

        Assert.Equal([1, 2], seen.Order());
    }

    [Fact]
    public void MigratingMapEnumerator_ObtainedBeforeCutOver_BehavesTheSameAfterIt()
    {
        MigratingMap<int, int> map = MigratingMaps.InPhase<int, int>(MigrationPhase.DualWrite);
        map[1] = 10;
        map[2] = 20;
        using IEnumerator<KeyValuePair<int, int>> before = map.GetEnumerator();
        string walkedBefore = Lifecycle(before, dispose: false);

        map.CutOver(TestContext.Current.CancellationToken);
        before.Reset();

        Assert.Equal(walkedBefore, Lifecycle(before, dispose: false));
        Assert.Equal(walkedBefore, Lifecycle(map.GetEnumerator(), dispose: false));
    }

    /// <summary>What the enumerator shows at every step of its life, as text (entries in key order).</summary>
    private static string Lifecycle(IEnumerator<KeyValuePair<int, int>> enumerator, bool dispose = true)
    {
        var log = new List<string> { "before " + Show(() => enumerator.Current) + " " + Show(() => ((IEnumerator)enumerator).Current) };
        var walked = new List<KeyValuePair<int, int>>();
        while (enumerator.MoveNext())
        {
            walked.Add(enumerator.Current);
        }

        log.Add("walked " + string.Join(",", walked.OrderBy(p => p.Key)));
        log.Add("after-end moves " + enumerator.MoveNext() + " current-is-an-entry " + Show(() => walked.Contains(enumerator.Current)));
        log.Add("reset " + Show(() => { enumerator.Reset(); return enumerator.Current; }));
        int rewalked = 0;
        while (enumerator.MoveNext())
        {
            rewalked++;
        }

        log.Add("rewalked " + rewalked);
        if (dispose)
        {
            enumerator.Dispose();
            log.Add("disposed moves " + Show(() => enumerator.MoveNext()));
        }
        else
        {
            enumerator.Reset();
        }

        return string.Join("; ", log);
    }

    private static string Show<T>(Func<T> read)
    {
        try
        {
            return read()?.ToString() ?? "null";
        }
        catch (Exception e)
        {
            return "throws " + e.GetType().Name;
        }
    }
}
