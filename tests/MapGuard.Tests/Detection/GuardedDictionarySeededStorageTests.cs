using System.Collections;

namespace MapGuard.Tests.Detection;

/// <summary>
/// Integer keys under the default comparer live in GuardedDictionary's seeded storage (each key wrapped with its seeded
/// hash), where every member that hands keys in or out converts them. The ported suite runs its non-generic and view
/// cases on string keys, so these cases run the same calls on a <c>Dictionary&lt;long, ...&gt;</c> and on a
/// GuardedDictionary in both modes, and compare what each returns or throws (type, parameter name, message), and the
/// entries afterwards.
/// </summary>
public sealed class GuardedDictionarySeededStorageTests
{
    /// <summary>Calls on a dictionary holding 1..5 (values 10..50) with 3 removed and 6 added, by name.</summary>
    private static readonly Dictionary<string, Func<IDictionary<long, int>, object?>> s_calls = new()
    {
        ["this[missing]"] = d => d[99],
        ["Add(existing)"] = d => { d.Add(2, 0); return null; },
        ["TryGetValue"] = d => d.TryGetValue(4, out int value) ? value : -1,
        ["Contains(pair)"] = d => d.Contains(new(4, 40)),
        ["Contains(pair, other value)"] = d => d.Contains(new(4, 41)),
        ["Remove(pair, other value)"] = d => d.Remove(new KeyValuePair<long, int>(4, 41)),
        ["Remove(pair)"] = d => d.Remove(new KeyValuePair<long, int>(4, 40)),
        ["CopyTo(array, 1)"] = d => CopyPairs(d, new KeyValuePair<long, int>[7], 1),
        ["CopyTo(null, 0)"] = d => CopyPairs(d, null!, 0),
        ["CopyTo(array, -1)"] = d => CopyPairs(d, new KeyValuePair<long, int>[7], -1),
        ["CopyTo(array, Length + 1)"] = d => CopyPairs(d, new KeyValuePair<long, int>[7], 8),
        ["CopyTo(array too short)"] = d => CopyPairs(d, new KeyValuePair<long, int>[7], 3),
        ["Keys.CopyTo(array, 2)"] = d => Copy(d.Keys, new long[7], 2),
        ["Keys.CopyTo(null, 0)"] = d => Copy(d.Keys, null!, 0),
        ["Keys.CopyTo(array, -1)"] = d => Copy(d.Keys, new long[7], -1),
        ["Keys.CopyTo(array too short)"] = d => Copy(d.Keys, new long[7], 4),
        ["Values.CopyTo(array too short)"] = d => Copy(d.Values, new int[7], 4),
        ["ICollection.CopyTo(pairs)"] = d => CopyArray((ICollection)d, new KeyValuePair<long, int>[6], 1),
        ["ICollection.CopyTo(entries)"] = d => CopyArray((ICollection)d, new DictionaryEntry[5], 0),
        ["ICollection.CopyTo(objects)"] = d => CopyArray((ICollection)d, new object[5], 0),
        ["ICollection.CopyTo(strings)"] = d => CopyArray((ICollection)d, new string[5], 0),
        ["ICollection.CopyTo(2-D)"] = d => CopyArray((ICollection)d, new KeyValuePair<long, int>[5, 5], 0),
        ["ICollection.CopyTo(lower bound 1)"] = d => CopyArray((ICollection)d, Array.CreateInstance(typeof(KeyValuePair<long, int>), [5], [1]), 1),
        ["ICollection.CopyTo(index -1)"] = d => CopyArray((ICollection)d, new KeyValuePair<long, int>[5], -1),
        ["ICollection.CopyTo(too short)"] = d => CopyArray((ICollection)d, new KeyValuePair<long, int>[5], 1),
        ["Keys ICollection.CopyTo(longs)"] = d => CopyArray((ICollection)d.Keys, new long[5], 0),
        ["Keys ICollection.CopyTo(objects)"] = d => CopyArray((ICollection)d.Keys, new object[5], 0),
        ["Keys ICollection.CopyTo(ints)"] = d => CopyArray((ICollection)d.Keys, new int[5], 0),
        ["Keys ICollection.CopyTo(too short)"] = d => CopyArray((ICollection)d.Keys, new long[5], 2),
        ["Values ICollection.CopyTo(objects)"] = d => CopyArray((ICollection)d.Values, new object[5], 0),
        ["IDictionary[key]"] = d => ((IDictionary)d)[4L],
        ["IDictionary[missing]"] = d => ((IDictionary)d)[99L],
        ["IDictionary[int key]"] = d => ((IDictionary)d)[4],
        ["IDictionary[null]"] = d => ((IDictionary)d)[null!],
        ["IDictionary.Contains(key)"] = d => ((IDictionary)d).Contains(4L),
        ["IDictionary.Contains(string)"] = d => ((IDictionary)d).Contains("4"),
        ["IDictionary.Contains(null)"] = d => ((IDictionary)d).Contains(null!),
        ["IDictionary.Remove(key)"] = d => { ((IDictionary)d).Remove(4L); return null; },
        ["IDictionary.Remove(int key)"] = d => { ((IDictionary)d).Remove(4); return null; },
        ["IDictionary.Remove(null)"] = d => { ((IDictionary)d).Remove(null!); return null; },
        ["IDictionary[key] = value"] = d => { ((IDictionary)d)[4L] = 7; return null; },
        ["IDictionary[new key] = value"] = d => { ((IDictionary)d)[70L] = 7; return null; },
        ["IDictionary[int key] = value"] = d => { ((IDictionary)d)[4] = 7; return null; },
        ["IDictionary[key] = long value"] = d => { ((IDictionary)d)[4L] = 7L; return null; },
        ["IDictionary[key] = null"] = d => { ((IDictionary)d)[4L] = null; return null; },
        ["IDictionary[null] = value"] = d => { ((IDictionary)d)[null!] = 7; return null; },
        ["IDictionary[key] = enum value"] = d => { ((IDictionary)d)[4L] = DayOfWeek.Friday; return null; },
        ["IDictionary.Add(new key)"] = d => { ((IDictionary)d).Add(70L, 7); return null; },
        ["IDictionary.Add(existing)"] = d => { ((IDictionary)d).Add(4L, 7); return null; },
        ["IDictionary.Add(string key)"] = d => { ((IDictionary)d).Add("4", 7); return null; },
        ["IDictionary.Add(null value)"] = d => { ((IDictionary)d).Add(70L, null); return null; },
        ["Enumerator Current before MoveNext"] = d => EnumeratorCurrent(d.GetEnumerator(), steps: 0),
        ["Enumerator Current after the end"] = d => EnumeratorCurrent(d.GetEnumerator(), steps: 6),
        ["Enumerator Current after a step"] = d => EnumeratorCurrent(d.GetEnumerator(), steps: 2),
        ["IDictionary enumerator Current"] = d => EnumeratorCurrent(((IDictionary)d).GetEnumerator(), steps: 1),
        ["IDictionary enumerator Entry before MoveNext"] = d => ((IDictionary)d).GetEnumerator().Entry,
        ["IDictionary enumerator Key and Value"] = d => DictionaryStep(((IDictionary)d).GetEnumerator()),
        ["Enumerator Reset after Add"] = d => ResetAfterAdd(d, d.GetEnumerator()),
        ["Keys enumerator Current before MoveNext"] = d => EnumeratorCurrent(d.Keys.GetEnumerator(), steps: 0),
        ["Keys enumerator Current after a step"] = d => EnumeratorCurrent(d.Keys.GetEnumerator(), steps: 3),
        ["Keys enumerator Current after the end"] = d => EnumeratorCurrent(d.Keys.GetEnumerator(), steps: 6),
        ["Keys enumerator Reset after Add"] = d => ResetAfterAdd(d, d.Keys.GetEnumerator()),
        ["Values enumerator Current after a step"] = d => EnumeratorCurrent(d.Values.GetEnumerator(), steps: 3),
        ["Keys.Remove"] = d => d.Keys.Remove(1),
        ["Values.Contains"] = d => d.Values.Contains(50),
        ["Keys.Contains"] = d => ViewContains(d.Keys, 6L),
        ["Enumerate"] = d => string.Join(",", d),
        ["Enumerate keys"] = d => string.Join(",", d.Keys),
        ["Enumerate values"] = d => string.Join(",", d.Values),
    };

    /// <summary>The names of <see cref="s_calls"/>.</summary>
    public static TheoryData<string> Calls => [.. s_calls.Keys];

    /// <summary>Both modes.</summary>
    public static TheoryData<GuardMode> Modes => [GuardMode.Throw, GuardMode.Report];

    [Theory]
    [MemberData(nameof(Calls))]
    public void Call_OnIntegerKeys_ReturnsOrThrowsWhatDictionaryDoes(string call)
    {
        foreach (GuardMode mode in new[] { GuardMode.Throw, GuardMode.Report })
        {
            var reference = new Dictionary<long, int>();
            var subject = new GuardedDictionary<long, int>(new GuardOptions { Mode = mode });
            Prepare(reference);
            Prepare(subject);

            string expected = Outcome(() => s_calls[call](reference));
            string actual = Outcome(() => s_calls[call](subject));

            Assert.Equal(expected, actual);
            Assert.Equal(reference, subject);
            Assert.Equal(reference.Capacity, subject.Capacity);
            Assert.Equal(0, subject.ViolationCount);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void NonGenericSetOfNull_OnReferenceTypeValues_StoresNullAsDictionaryDoes(GuardMode mode)
    {
        var reference = new Dictionary<long, string?>();
        var subject = new GuardedDictionary<long, string?>(new GuardOptions { Mode = mode });
        ((IDictionary)reference)[1L] = null;
        ((IDictionary)subject)[1L] = null;
        ((IDictionary)reference).Add(2L, "two");
        ((IDictionary)subject).Add(2L, "two");

        Assert.Equal(reference, subject);
        Assert.Equal(Outcome(() => AddNonGeneric(reference, 3L, 3)), Outcome(() => AddNonGeneric(subject, 3L, 3)));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void CopiesOfAnotherDictionary_KeepItsOrderAndCapacity(GuardMode mode)
    {
        var source = new Dictionary<long, int>();
        for (long key = 0; key < 100; key++)
        {
            source.Add(key * 7919, (int)key);
        }

        for (long key = 10; key < 60; key += 3)
        {
            source.Remove(key * 7919);
        }

        var options = new GuardOptions { Mode = mode };
        IEnumerable<KeyValuePair<long, int>> lazy = source.Select(pair => pair);
        (IDictionary<long, int> Reference, IDictionary<long, int> Subject)[] pairs =
        [
            (new Dictionary<long, int>(source), new GuardedDictionary<long, int>(source, null, options)),
            (new Dictionary<long, int>((IEnumerable<KeyValuePair<long, int>>)source), new GuardedDictionary<long, int>(source, null, options)),
            (new Dictionary<long, int>(lazy), new GuardedDictionary<long, int>(lazy, null, options)),
            (new Dictionary<long, int>(source.ToArray()), new GuardedDictionary<long, int>(source.ToArray(), null, options)),
        ];

        foreach ((IDictionary<long, int> reference, IDictionary<long, int> subject) in pairs)
        {
            Assert.Equal(reference, subject);
            Assert.Equal(((Dictionary<long, int>)reference).Capacity, ((GuardedDictionary<long, int>)subject).Capacity);
        }
    }

    [Fact]
    public void CopiesWithADuplicateKey_ThrowWhatDictionaryThrows()
    {
        KeyValuePair<long, int>[] duplicated = [new(1, 1), new(2, 2), new(1, 3)];
        string expected = Outcome(() => new Dictionary<long, int>(duplicated));
        Assert.Equal(expected, Outcome(() => new GuardedDictionary<long, int>(duplicated)));
        Assert.Equal(
            Outcome(() => new Dictionary<long, int>((IEnumerable<KeyValuePair<long, int>>)null!)),
            Outcome(() => new GuardedDictionary<long, int>((IEnumerable<KeyValuePair<long, int>>)null!)));
        Assert.Equal(
            Outcome(() => new Dictionary<long, int>((IDictionary<long, int>)null!)),
            Outcome(() => new GuardedDictionary<long, int>((IDictionary<long, int>)null!)));
    }

    [Fact]
    public void GuidAndTupleKeys_BehaveAsInDictionary()
    {
        var guids = new Dictionary<Guid, int>();
        var guardedGuids = new GuardedDictionary<Guid, int>();
        var tuples = new Dictionary<(int, long), int>();
        var guardedTuples = new GuardedDictionary<(int, long), int>();
        var random = new Random(7);
        for (int i = 0; i < 300; i++)
        {
            var guid = new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16));
            guids[guid] = i;
            guardedGuids[guid] = i;
            tuples[(i % 17, i * 31L)] = i;
            guardedTuples[(i % 17, i * 31L)] = i;
            if (i % 5 == 0)
            {
                guids.Remove(guids.Keys.First());
                guardedGuids.Remove(guardedGuids.Keys.First());
            }
        }

        Assert.Equal(guids, guardedGuids);
        Assert.Equal(tuples, guardedTuples);
        Assert.Equal(Outcome(() => guids[Guid.Empty]), Outcome(() => guardedGuids[Guid.Empty]));
        Assert.Equal(Outcome(() => tuples[(1, 32)]), Outcome(() => guardedTuples[(1, 32)]));
        Assert.Equal(Outcome(() => AddNonGeneric(tuples, (1, 31L), 0)), Outcome(() => AddNonGeneric(guardedTuples, (1, 31L), 0)));
    }

    [Fact]
    public void Comparer_OfIntegerKeys_IsTheDefaultComparer()
    {
        Assert.Same(new Dictionary<long, int>().Comparer, new GuardedDictionary<long, int>().Comparer);
        Assert.Same(EqualityComparer<long>.Default, new GuardedDictionary<long, int>(EqualityComparer<long>.Default).Comparer);
    }

    private static void Prepare(IDictionary<long, int> dictionary)
    {
        for (long key = 1; key <= 5; key++)
        {
            dictionary.Add(key, (int)key * 10);
        }

        dictionary.Remove(3);
        dictionary.Add(6, 60);
    }

    /// <summary>What a call did: its result, or its exception's type, parameter name and message.</summary>
    private static string Outcome(Func<object?> call)
    {
        try
        {
            return "returned " + Render(call());
        }
        catch (Exception exception)
        {
            return $"threw {exception.GetType().Name} ({(exception as ArgumentException)?.ParamName}): {exception.Message}";
        }
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        Array array => string.Join(",", array.Cast<object?>().Select(Render)),
        DictionaryEntry entry => $"[{entry.Key}: {entry.Value}]",
        _ => $"{value} ({value.GetType().Name})",
    };

    private static bool ViewContains<T>(ICollection<T> view, T item) => view.Contains(item);

    private static object? AddNonGeneric(IDictionary dictionary, object key, object? value)
    {
        dictionary.Add(key, value);
        return null;
    }

    private static KeyValuePair<long, int>[] CopyPairs(IDictionary<long, int> dictionary, KeyValuePair<long, int>[] array, int index)
    {
        dictionary.CopyTo(array, index);
        return array;
    }

    private static T[] Copy<T>(ICollection<T> collection, T[] array, int index)
    {
        collection.CopyTo(array, index);
        return array;
    }

    private static Array CopyArray(ICollection collection, Array array, int index)
    {
        collection.CopyTo(array, index);
        return array;
    }

    private static object? EnumeratorCurrent(IEnumerator enumerator, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            enumerator.MoveNext();
        }

        return enumerator.Current;
    }

    private static string DictionaryStep(IDictionaryEnumerator enumerator)
    {
        enumerator.MoveNext();
        return $"{enumerator.Key} {enumerator.Value} {enumerator.Entry.Key}";
    }

    private static object? ResetAfterAdd(IDictionary<long, int> dictionary, IEnumerator enumerator)
    {
        enumerator.MoveNext();
        dictionary.Add(100, 1);
        enumerator.Reset();
        return enumerator.MoveNext();
    }
}
