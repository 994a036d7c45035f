using MapGuard.Compat.Tests.Maps;

namespace MapGuard.Compat.Tests.DropIn;

/// <summary>
/// <c>TryRemove(KeyValuePair)</c> is atomic on every map: it removes a key only while the key still has the value it
/// compared. A depositor adds 1 to one key (<c>AddOrUpdate</c>) while withdrawers read the key's value and remove it with
/// <c>TryRemove(KeyValuePair)</c>, keeping what they removed. Nothing may be lost or counted twice: what was withdrawn
/// plus what is left equals what was deposited. A remove that compared one value and removed a newer one loses deposits.
/// </summary>
public sealed class ConditionalRemoveStressTests
{
    private const int Depositors = 1;
    private const int Withdrawers = 2;
    private const int DepositsPerThread = 20_000;
    private const int MinRemovals = 50;           // the race must really happen: depositors go on until this many removes
    private const int MaxDepositsPerThread = 4_000_000; // bounded, even if withdrawers never get scheduled
    private static readonly TimeSpan s_watchdog = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(MapKinds.All), MemberType = typeof(MapKinds))]
    public void ConditionalRemove_RacingIncrements_NeverLosesOrDoublesAnIncrement(string kindName)
    {
        IConcurrentMap<int, long> map = MapKinds.Get(kindName).Create<int, long>();
        using var start = new Barrier(Depositors + Withdrawers);
        int depositorsLeft = Depositors;
        long deposited = 0;
        long withdrawn = 0;
        long removals = 0;

        Thread[] workers =
        [
            .. Enumerable.Range(0, Depositors).Select(_ => new Thread(
                () =>
                {
                    start.SignalAndWait();
                    int i = 0;
                    for (; i < MaxDepositsPerThread && (i < DepositsPerThread || Volatile.Read(ref removals) < MinRemovals); i++)
                    {
                        map.AddOrUpdate(0, 1, (_, old) => old + 1);
                        if ((i & 255) == 0)
                        {
                            Thread.Yield(); // on a loaded 2-core box, lets the withdrawers in between bursts
                        }
                    }

                    Interlocked.Add(ref deposited, i);
                    Interlocked.Decrement(ref depositorsLeft);
                })),
            .. Enumerable.Range(0, Withdrawers).Select(_ => new Thread(
                () =>
                {
                    start.SignalAndWait();
                    while (Volatile.Read(ref depositorsLeft) > 0)
                    {
                        if (map.TryGetValue(0, out long seen) && map.TryRemove(KeyValuePair.Create(0, seen)))
                        {
                            Interlocked.Add(ref withdrawn, seen);
                            Interlocked.Increment(ref removals);
                        }
                    }
                })),
        ];

        foreach (Thread worker in workers)
        {
            worker.IsBackground = true; // a hung worker must not keep the test process alive after the watchdog fails
            worker.Start();
        }

        DateTime deadline = DateTime.UtcNow + s_watchdog;
        foreach (Thread worker in workers)
        {
            TimeSpan remaining = deadline - DateTime.UtcNow;
            Assert.True(worker.Join(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero), $"{kindName}: the workers did not finish within {s_watchdog} (hang?)");
        }

        long left = map.TryGetValue(0, out long rest) ? rest : 0;
        Assert.True(removals >= MinRemovals, $"{kindName}: only {removals} conditional removes succeeded, so the race was not exercised");
        Assert.Equal(deposited, withdrawn + left);
    }
}
