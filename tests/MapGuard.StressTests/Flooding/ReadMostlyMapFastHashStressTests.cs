using MapGuard.Testing.Flooding;
using static MapGuard.Testing.Stress.StressHarness;

namespace MapGuard.StressTests.Flooding;

/// <summary>
/// ReadMostlyMap switches ordinal string keys from the fast hash to the randomized one, and integer keys from placement
/// by their own low bits to the seeded hash, with a promotion, while other threads keep working: operations that
/// loaded a read table on the fast hash finish on it or carry their key's hash over to the new table. None of them may
/// lose a write or give a key a second entry.
/// </summary>
public sealed class ReadMostlyMapFastHashStressTests
{
    private const int KeysPerWorker = 256;
    private const int OperationsPerWorker = 60_000;
    private const int AttackKeys = 1_500;

    /// <summary>
    /// Workers run every kind of call on their own keys (half of them start in the read table; removals and re-adds
    /// send the rest through the dirty table and promotions), checking each answer against their own model, while
    /// thread 0 inserts keys colliding under the fast hash once the workers are under way. The insertions switch the
    /// map mid-run. Afterwards every key holds its last value, the attack keys are all there, and Count and the
    /// enumeration agree with the models. Several fresh maps run, since each switches only once.
    /// </summary>
    [Theory]
    [InlineData(3)]
    public void Workers_KeepEveryWrite_WhileCollidingInsertsSwitchTheHash(int workers)
    {
        const int Rounds = 6;
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(AttackKeys);
        int midRun = 0;
        for (int round = 0; round < Rounds; round++)
        {
            midRun += RunRound(workers, seed: round, (t, j) => $"w{t}-order-{j:D9}", attack) ? 1 : 0;
        }

        TestContext.Current.SendDiagnosticMessage($"{midRun} of {Rounds} rounds switched the hash while workers ran.");
        Check(midRun > 0, "No round switched the hash while the workers ran: the test proved nothing.");
    }

    /// <summary>
    /// As <see cref="Workers_KeepEveryWrite_WhileCollidingInsertsSwitchTheHash"/>, with sequential IDs per worker and
    /// attack keys whose low 40 bits are 0, so they all share one home slot.
    /// </summary>
    [Theory]
    [InlineData(3)]
    public void Workers_KeepEveryWrite_WhileIntegersSharingLowBitsSwitchTheHash(int workers)
    {
        const int Rounds = 6;
        long[] attack = [.. Enumerable.Range(1, AttackKeys).Select(i => (long)i << 40)];
        int midRun = 0;
        for (int round = 0; round < Rounds; round++)
        {
            // One contiguous range of IDs over all workers. (Blocks at round offsets such as t * 1,000,000 alias in
            // the small tables of the first promotions, 10^6 being a multiple of 64, and rightly switch the hash early.)
            midRun += RunRound(workers, seed: round, (t, j) => ((long)t * KeysPerWorker) + j, attack) ? 1 : 0;
        }

        TestContext.Current.SendDiagnosticMessage($"{midRun} of {Rounds} rounds switched the hash while workers ran.");
        Check(midRun > 0, "No round switched the hash while the workers ran: the test proved nothing.");
    }

    /// <summary>One fresh map; true when the switch was seen while some worker was still running.</summary>
    private static bool RunRound<TKey>(int workers, int seed, Func<int, int, TKey> keyOf, TKey[] attack)
        where TKey : notnull
    {
        var map = new ReadMostlyMap<TKey, long>();
        TKey[][] keys = new TKey[workers + 1][];
        var models = new long?[workers + 1][];
        for (int t = 1; t <= workers; t++)
        {
            keys[t] = new TKey[KeysPerWorker];
            models[t] = new long?[KeysPerWorker];
            for (int j = 0; j < KeysPerWorker; j++)
            {
                keys[t][j] = keyOf(t, j);
                if (j % 2 == 0)
                {
                    map[keys[t][j]] = -j;
                    models[t][j] = -j;
                }
            }
        }

        _ = map.ToArray(); // promotes the prefilled keys into the read table
        Check(!map.HashIsRandomized, "Ordinary keys switched the hash.");

        int running = workers;
        long progress = 0;
        int runningAtSwitch = -1;
        Run(workers + 1, t =>
        {
            if (t == 0)
            {
                // Attack once the workers are well under way, so the switch lands among their calls.
                while (Volatile.Read(ref progress) < (long)workers * OperationsPerWorker / 5 && Volatile.Read(ref running) > 0)
                {
                    Thread.Yield();
                }

                for (int i = 0; i < attack.Length; i++)
                {
                    Check(map.TryAdd(attack[i], i), $"Attack key {i} was already present.");
                    Check(map.TryGetValue(attack[i / 2], out long seen) && seen == i / 2, $"Attack key {i / 2} was lost.");
                    if (runningAtSwitch < 0 && map.HashIsRandomized)
                    {
                        runningAtSwitch = Volatile.Read(ref running);
                    }
                }

                return;
            }

            Work(map, keys[t], models[t], new Random((seed * 100) + t), t, ref progress);
            Interlocked.Decrement(ref running);
        });

        Check(map.HashIsRandomized, "The colliding keys never switched the map to the randomized hash.");
        var expected = new Dictionary<TKey, long>();
        for (int t = 1; t <= workers; t++)
        {
            for (int j = 0; j < KeysPerWorker; j++)
            {
                long? model = models[t][j];
                Check(map.TryGetValue(keys[t][j], out long value) == model.HasValue && (!model.HasValue || value == model.Value),
                    $"Key {keys[t][j]}: the map has {(map.TryGetValue(keys[t][j], out long v) ? v.ToString() : "nothing")}, its last write left {model?.ToString() ?? "nothing"}.");
                if (model.HasValue)
                {
                    expected.Add(keys[t][j], model.Value);
                }
            }
        }

        for (int i = 0; i < attack.Length; i++)
        {
            Check(map.TryGetValue(attack[i], out long value) && value == i, $"Attack key {i} was lost after the run.");
            expected.Add(attack[i], i);
        }

        Check(map.Count == expected.Count, $"Count is {map.Count}, but {expected.Count} keys are present.");
        int enumerated = 0;
        foreach (KeyValuePair<TKey, long> pair in map)
        {
            Check(expected.TryGetValue(pair.Key, out long value) && value == pair.Value, $"Enumeration yielded {pair.Key}={pair.Value}, which is not in the map.");
            enumerated++;
        }

        Check(enumerated == expected.Count, $"Enumeration yielded {enumerated} pairs, but {expected.Count} keys are present.");
        return runningAtSwitch > 0;
    }

    /// <summary>Random calls on the worker's own keys, each answer checked against <paramref name="model"/>.</summary>
    private static void Work<TKey>(ReadMostlyMap<TKey, long> map, TKey[] keys, long?[] model, Random random, int t, ref long progress)
        where TKey : notnull
    {
        for (int i = 0; i < OperationsPerWorker; i++)
        {
            int j = random.Next(keys.Length);
            TKey key = keys[j];
            long? current = model[j];
            long token = ((long)t << 32) | (uint)(i + 1);
            switch (random.Next(9))
            {
                case 0:
                    map[key] = token;
                    model[j] = token;
                    break;
                case 1:
                case 2:
                    bool removed = map.TryRemove(key, out long old);
                    Check(removed == current.HasValue && (!removed || old == current!.Value), $"TryRemove({key}) gave {removed}/{old}, expected {current}.");
                    model[j] = null;
                    break;
                case 3:
                    Check(map.TryAdd(key, token) == !current.HasValue, $"TryAdd({key}) disagreed with {current}.");
                    model[j] = current ?? token;
                    break;
                case 4:
                    Check(map.AddOrUpdate(key, token, (_, v) => v == current ? token : long.MinValue) == token, $"AddOrUpdate({key}) saw a value other than {current}.");
                    model[j] = token;
                    break;
                case 5:
                    Check(map.GetOrAdd(key, _ => token) == (current ?? token), $"GetOrAdd({key}) disagreed with {current}.");
                    model[j] = current ?? token;
                    break;
                case 6:
                    bool found = map.TryGetValue(key, out long value);
                    Check(found == current.HasValue && (!found || value == current!.Value), $"TryGetValue({key}) gave {found}/{value}, expected {current}.");
                    break;
                case 7:
                    if (current.HasValue)
                    {
                        Check(map.TryUpdate(key, token, current.Value), $"TryUpdate({key}) missed {current}.");
                        model[j] = token;
                    }
                    else
                    {
                        Check(!map.TryUpdate(key, token, 0), $"TryUpdate({key}) updated an absent key.");
                    }

                    break;
                default:
                    bool taken = map.TryRemove(new KeyValuePair<TKey, long>(key, current ?? 0));
                    Check(taken == current.HasValue, $"TryRemove(KeyValuePair) of {key} gave {taken}, expected {current}.");
                    model[j] = null;
                    break;
            }

            if ((i & 255) == 0)
            {
                Interlocked.Add(ref progress, 256);
            }
        }
    }
}
