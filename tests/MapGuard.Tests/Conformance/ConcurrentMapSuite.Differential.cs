using CsCheck;

namespace MapGuard.Tests.Conformance;

public abstract partial class ConcurrentMapSuite
{
    [Fact]
    public void Differential_SmallKeySet_EveryCallMatchesADictionaryModel() =>
        RunDifferential(keys: 16, length: 400, iterations: Scaled(300));

    [Fact]
    public void Differential_LargeKeySet_EveryCallMatchesADictionaryModel() =>
        RunDifferential(keys: 5_000, length: Scaled(20_000), iterations: Scaled(8));

    /// <summary>
    /// Runs random call sequences against the map and a <see cref="Dictionary{TKey, TValue}"/> model, comparing every
    /// return value. CsCheck shrinks a failing sequence to a short one before reporting it.
    /// </summary>
    private void RunDifferential(int keys, int length, int iterations)
    {
        Gen.Select(Gen.Int[0, 11], Gen.Int[0, keys - 1], Gen.Int[0, 3])
            .Array[length]
            .Sample(
                calls =>
                {
                    var map = Create<int, int>();
                    var model = new Dictionary<int, int>();
                    for (int step = 0; step < calls.Length; step++)
                    {
                        (int kind, int key, int value) = calls[step];
                        string at = $"step {step}: call {kind} on key {key} with {value}";
                        switch (kind)
                        {
                            case 0:
                                Assert.True(map.TryGetValue(key, out int got) == model.TryGetValue(key, out int want) && got == want, at);
                                break;
                            case 1:
                                Assert.True(map.ContainsKey(key) == model.ContainsKey(key), at);
                                break;
                            case 2:
                                map[key] = value;
                                model[key] = value;
                                break;
                            case 3:
                                Assert.True(map.TryAdd(key, value) == model.TryAdd(key, value), at);
                                break;
                            case 4:
                                Assert.True(map.TryRemove(key, out int removed) == model.Remove(key, out int modelRemoved) && removed == modelRemoved, at);
                                break;
                            case 5:
                                bool shouldUpdate = model.TryGetValue(key, out int current) && current == value;
                                if (shouldUpdate)
                                {
                                    model[key] = value + 1;
                                }

                                Assert.True(map.TryUpdate(key, value + 1, value) == shouldUpdate, at);
                                break;
                            case 6:
                                Assert.True(map.GetOrAdd(key, value) == (model.TryAdd(key, value) ? value : model[key]), at);
                                break;
                            case 7:
                                Assert.True(map.GetOrAdd(key, k => k + value) == (model.TryAdd(key, key + value) ? key + value : model[key]), at);
                                break;
                            case 8:
                                int next = model.TryGetValue(key, out int old) ? old * 2 : value;
                                model[key] = next;
                                Assert.True(map.AddOrUpdate(key, value, (_, v) => v * 2) == next, at);
                                break;
                            case 9:
                                int factoryNext = model.TryGetValue(key, out int before) ? before - 1 : key;
                                model[key] = factoryNext;
                                Assert.True(map.AddOrUpdate(key, k => k, (_, v) => v - 1) == factoryNext, at);
                                break;
                            case 10:
                                if (model.TryGetValue(key, out int indexed))
                                {
                                    Assert.True(map[key] == indexed, at);
                                }
                                else
                                {
                                    Assert.Throws<KeyNotFoundException>(() => map[key]);
                                }

                                break;
                            default:
                                if (value == 0 && key % 8 == 0)
                                {
                                    map.Clear();
                                    model.Clear();
                                }

                                break;
                        }

                        Assert.True(map.Count == model.Count, $"{at}: Count {map.Count} but model has {model.Count}");
                    }

                    Assert.Equal(model.OrderBy(p => p.Key), map.OrderBy(p => p.Key));
                },
                iter: iterations,
                threads: 1);
    }
}
