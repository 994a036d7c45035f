using MapGuard.Redis.Tests.Servers;
using MapGuard.Testing.Stress;
using static MapGuard.Testing.Stress.StressHarness;

namespace MapGuard.Redis.Tests.CrossClient;

/// <summary>
/// Contests between independent clients: one thread per client, each with its own connection, all on one map name.
/// Each throws <see cref="IntegrityException"/> when the server let two clients both win.
/// </summary>
public static class CrossClientScenarios
{
    /// <summary>Every client removes the same pre-filled keys; each key must be removed exactly once, with its value.</summary>
    public static void ContestedTryRemove(ITestServer server, int clients = 8, int keys = 3_000)
    {
        using var all = new Clients(server, clients);
        string name = SharedServer.NextName();
        RedisMap<long, long> setup = all.Map<long, long>(0, name);
        for (long key = 0; key < keys; key++)
        {
            setup[key] = key * 7;
        }

        int[] removals = new int[keys];
        int[] wrong = new int[1];
        Run(clients, c =>
        {
            RedisMap<long, long> map = all.Map<long, long>(c, name);
            for (int key = 0; key < keys; key++)
            {
                if (map.TryRemove(key, out long value))
                {
                    Interlocked.Increment(ref removals[key]);
                    if (value != key * 7L)
                    {
                        Interlocked.Increment(ref wrong[0]);
                    }
                }
            }
        });

        int doubles = removals.Count(r => r > 1);
        int never = removals.Count(r => r == 0);
        Check(doubles == 0 && never == 0 && wrong[0] == 0, $"{doubles} keys were removed by two clients, {never} by none, {wrong[0]} removals returned a wrong value.");
    }

    /// <summary>Every client adds 1 to the same counters with AddOrUpdate; the sums must be exact.</summary>
    public static void ContestedCounters(ITestServer server, int clients = 4, int keys = 8, int rounds = 150)
    {
        using var all = new Clients(server, clients);
        string name = SharedServer.NextName();
        Run(clients, c =>
        {
            RedisMap<long, long> map = all.Map<long, long>(c, name);
            for (int round = 0; round < rounds; round++)
            {
                for (long key = 0; key < keys; key++)
                {
                    map.AddOrUpdate(key, 1, static (_, v) => v + 1);
                }
            }
        });

        RedisMap<long, long> check = all.Map<long, long>(0, name);
        for (long key = 0; key < keys; key++)
        {
            Check(check[key] == (long)clients * rounds, $"Counter {key} is {check[key]}, expected {clients * rounds}: increments were lost.");
        }
    }

    /// <summary>Every client TryAdds the same keys; each key must have exactly one winner.</summary>
    public static void ContestedTryAdd(ITestServer server, int clients = 4, int keys = 1_500)
    {
        using var all = new Clients(server, clients);
        string name = SharedServer.NextName();
        int[] wins = new int[keys];
        Run(clients, c =>
        {
            RedisMap<long, long> map = all.Map<long, long>(c, name);
            for (int key = 0; key < keys; key++)
            {
                if (map.TryAdd(key, c))
                {
                    Interlocked.Increment(ref wins[key]);
                }
            }
        });

        Check(wins.All(w => w == 1), $"{wins.Count(w => w != 1)} keys did not have exactly one TryAdd winner.");
        Check(all.Map<long, long>(0, name).Count == keys, "Count disagrees with the number of keys added.");
    }
}
