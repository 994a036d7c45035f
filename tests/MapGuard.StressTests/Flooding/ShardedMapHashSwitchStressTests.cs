using MapGuard.Internal;
using MapGuard.Testing.Flooding;
using MapGuard.Testing.Stress;
using static MapGuard.Testing.Stress.StressHarness;

namespace MapGuard.StressTests.Flooding;

/// <summary>
/// ShardedMap moves from a fast hash (the unseeded string hash, or integer keys placed by their own bits) to the
/// randomized one by rebuilding every shard under every shard lock. Here that move happens in the middle of a run: two workers set, update, remove and read keys of their own (so each
/// knows what the map must hold for them, and checks it after every write), while an attacker thread triggers the
/// switch, by inserting colliding keys or by one lookup that meets too many. No write may be lost or land in the
/// array the rebuild left behind, no read may miss a key, and <see cref="ShardedMap{TKey, TValue}.Count"/> must be
/// exact at the end.
/// </summary>
public sealed class ShardedMapHashSwitchStressTests
{
    private const int Workers = 2;
    private const int KeysPerWorker = 2_000;
    private const int Rounds = 12;

    // A run proves something only if the switch fell inside the workers' runs; each run is a fresh map.
    private const int Runs = 6;

    [Theory]
    [InlineData("insert", "string")]
    [InlineData("lookup", "string")]
    [InlineData("insert", "long")]
    [InlineData("lookup", "long")]
    public void TheSwitch_MidRun_LosesNoWrite_AndKeepsCountExact(string trigger, string keyType)
    {
        int overlapped = 0;
        for (int run = 0; run < Runs; run++)
        {
            overlapped += (keyType == "string" ? RunOnce(trigger, StringAttack(trigger), StringKey) : RunOnce(trigger, IntegerAttack(trigger), IntegerKey)) ? 1 : 0;
        }

        Check(overlapped > 0, $"In none of {Runs} runs did the switch happen while both workers were writing: the test proved nothing.");
    }

    // Strings sharing one fast hash: inserts of them all switch on full-hash collisions; or as many as one insert may
    // meet without switching, then a lookup of one more.
    private static string[] StringAttack(string trigger) =>
        AdversarialKeys.StringsCollidingUnderFastStringHash(trigger == "insert" ? HashFloodMonitor.CollisionBound + 40 : HashFloodMonitor.CollisionBound + 2);

    // Integers: for inserts, distinct keys whose low 23 bits are 0, one chain until it passes the identity bound; for
    // the lookup, keys sharing their low 32 bits (one full hash), as many as an insert may meet, then one more.
    private static long[] IntegerAttack(string trigger) => trigger == "insert"
        ? [.. Enumerable.Range(1, HashHelpers.IdentityProbeBound + 16).Select(i => (long)i << 23)]
        : [.. Enumerable.Range(1, HashFloodMonitor.CollisionBound + 2).Select(i => ((long)i << 32) | 5)];

    private static string StringKey(int worker, int k) => $"w{worker}-order-{k:D9}";

    private static long IntegerKey(int worker, int k) => (worker * 1_000_000L) + k;

    /// <returns>Whether the switch happened while every worker was between its first and last operation.</returns>
    private static bool RunOnce<TKey>(string trigger, TKey[] attack, Func<int, int, TKey> keyOf)
        where TKey : notnull
    {
        var map = new ShardedMap<TKey, long>();
        int stored = trigger == "insert" ? attack.Length : attack.Length - 1;
        if (trigger == "lookup")
        {
            // As many as one insert may meet without switching; the lookup of one more key meets them all.
            for (int i = 0; i < stored; i++)
            {
                map[attack[i]] = i;
            }
        }

        Check(!map.HashIsRandomized, "The map switched before the run started.");

        const int total = Rounds * KeysPerWorker;
        int[] progress = new int[Workers];
        long[][] expected = new long[Workers][];
        int[] progressAtSwitch = new int[Workers];
        int workersDone = 0;

        Run(Workers + 1, t =>
        {
            if (t < Workers)
            {
                try
                {
                    expected[t] = Work(map, t, progress, keyOf);
                }
                finally
                {
                    Interlocked.Increment(ref workersDone); // also when the worker failed: the attacker stops waiting
                }

                return;
            }

            // The attacker waits until both workers are a third of the way through, then triggers the switch.
            var spinner = default(SpinWait);
            while (Volatile.Read(ref progress[0]) < total / 3 || Volatile.Read(ref progress[1]) < total / 3)
            {
                if (Volatile.Read(ref workersDone) == Workers)
                {
                    break;
                }

                spinner.SpinOnce(sleep1Threshold: -1);
            }

            if (trigger == "insert")
            {
                for (int i = 0; i < attack.Length; i++)
                {
                    map[attack[i]] = i;
                }
            }
            else
            {
                Check(!map.TryGetValue(attack[^1], out _), "The absent colliding key was found.");
            }

            for (int w = 0; w < Workers; w++)
            {
                progressAtSwitch[w] = Volatile.Read(ref progress[w]);
            }

            Check(map.HashIsRandomized, $"The {trigger} of colliding keys did not switch the map to the randomized hash.");

            // Until the workers finish, keep reading the colliding keys: every one must stay findable.
            while (Volatile.Read(ref workersDone) < Workers)
            {
                for (int i = 0; i < stored; i++)
                {
                    Check(map.TryGetValue(attack[i], out long value) && value == i, $"Colliding key {i} was lost after the switch.");
                }
            }
        });

        // Integrity: every worker key holds its last value or is absent, exactly as its worker left it.
        int present = stored;
        for (int w = 0; w < Workers; w++)
        {
            for (int k = 0; k < KeysPerWorker; k++)
            {
                TKey key = keyOf(w, k);
                bool found = map.TryGetValue(key, out long value);
                Check(found == (expected[w][k] >= 0) && (!found || value == expected[w][k]), $"Key {key}: the map holds {(found ? value : "nothing")}, its worker last left {expected[w][k]} (-1: absent).");
                present += found ? 1 : 0;
            }
        }

        Check(map.Count == present, $"Count is {map.Count}; the map holds {present} keys.");
        Check(map.ToArray().Length == present, $"Enumeration yields {map.ToArray().Length} entries; the map holds {present} keys.");
        return progressAtSwitch.All(p => p > 0 && p < total);
    }

    /// <summary>
    /// One worker's run over its own keys: sets, AddOrUpdate, removes and TryAdd, each checked at once by a read.
    /// Returns what it left in the map per key (-1: absent).
    /// </summary>
    private static long[] Work<TKey>(ShardedMap<TKey, long> map, int worker, int[] progress, Func<int, int, TKey> keyOf)
        where TKey : notnull
    {
        long[] expected = new long[KeysPerWorker];
        Array.Fill(expected, -1);
        long next = 1;
        for (int round = 0; round < Rounds; round++)
        {
            for (int k = 0; k < KeysPerWorker; k++)
            {
                TKey key = keyOf(worker, k);
                long value = next++;
                switch ((k + round) % 4)
                {
                    case 0:
                        map[key] = value;
                        expected[k] = value;
                        break;
                    case 1:
                        long had = expected[k];
                        Check(map.TryRemove(key, out long removed) == (had >= 0) && (had < 0 || removed == had), $"TryRemove({key}) disagreed with the last write {had}.");
                        expected[k] = -1;
                        break;
                    case 2:
                        expected[k] = map.AddOrUpdate(key, value, (_, old) => old + 1);
                        break;
                    default:
                        if (map.TryAdd(key, value))
                        {
                            Check(expected[k] < 0, $"TryAdd({key}) added over the value {expected[k]}.");
                            expected[k] = value;
                        }

                        break;
                }

                bool found = map.TryGetValue(key, out long read);
                Check(found == (expected[k] >= 0) && (!found || read == expected[k]), $"Key {key} read {(found ? read : "nothing")} right after its worker left {expected[k]} (-1: absent).");
                Volatile.Write(ref progress[worker], (round * KeysPerWorker) + k + 1);
            }
        }

        return expected;
    }
}
