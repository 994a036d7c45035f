using System.Text.Json;
using MapGuard.Tests.Ported.RuntimeDictionary;
using MapGuard.Ported.RuntimeCollections;

namespace MapGuard.Tests.Detection;

/// <summary>
/// Dictionary behaviour that issue 20 names and the ported dotnet/runtime suite does not test, run like that suite on
/// Dictionary (the reference) and on GuardedDictionary in both modes. MapGuard's own cases, not from upstream.
/// </summary>
public static class GuardedDictionaryFidelityTests
{
    /// <summary>Calls that throw on a string dictionary holding "a" and "b", by name.</summary>
    private static readonly Dictionary<string, Action<IDictionary<string, int>>> s_throwingCalls = new()
    {
        ["Add(null, 1)"] = d => d.Add(null!, 1),
        ["Add(\"a\", 1)"] = d => d.Add("a", 1),
        ["Add(pair with null key)"] = d => d.Add(new KeyValuePair<string, int>(null!, 1)),
        ["this[null]"] = d => _ = d[null!],
        ["this[\"missing\"]"] = d => _ = d["missing"],
        ["this[null] = 1"] = d => d[null!] = 1,
        ["TryGetValue(null)"] = d => d.TryGetValue(null!, out _),
        ["ContainsKey(null)"] = d => d.ContainsKey(null!),
        ["Remove(null)"] = d => d.Remove(null!),
        ["Remove(null, out value)"] = d => Suite.RemoveOut(d, null!),
        ["TryAdd(null, 1)"] = d => Suite.TryAddTo(d, null!, 1),
        ["Contains(pair with null key)"] = d => d.Contains(new KeyValuePair<string, int>(null!, 0)),
        ["Remove(pair with null key)"] = d => d.Remove(new KeyValuePair<string, int>(null!, 0)),
        ["EnsureCapacity(-1)"] = d => Suite.Ensure(d, -1),
        ["TrimExcess(-1)"] = d => Suite.Trim(d, -1),
        ["TrimExcess(Count - 1)"] = d => Suite.Trim(d, d.Count - 1),
        ["CopyTo(null, 0)"] = d => d.CopyTo(null!, 0),
        ["CopyTo(array, -1)"] = d => d.CopyTo(new KeyValuePair<string, int>[4], -1),
        ["CopyTo(array, Length + 1)"] = d => d.CopyTo(new KeyValuePair<string, int>[4], 5),
        ["CopyTo(array too short)"] = d => d.CopyTo(new KeyValuePair<string, int>[4], 3),
        ["Keys.CopyTo(null, 0)"] = d => d.Keys.CopyTo(null!, 0),
        ["Keys.CopyTo(array, -1)"] = d => d.Keys.CopyTo(new string[4], -1),
        ["Keys.CopyTo(array too short)"] = d => d.Keys.CopyTo(new string[4], 3),
        ["Values.CopyTo(null, 0)"] = d => d.Values.CopyTo(null!, 0),
        ["Values.CopyTo(array, Length + 1)"] = d => d.Values.CopyTo(new int[4], 5),
        ["Values.CopyTo(array too short)"] = d => d.Values.CopyTo(new int[4], 3),
        ["Keys.Add(\"c\")"] = d => d.Keys.Add("c"),
        ["MoveNext after Add"] = d =>
        {
            using IEnumerator<KeyValuePair<string, int>> enumerator = d.GetEnumerator();
            enumerator.MoveNext();
            d.Add("c", 3);
            enumerator.MoveNext();
        },
        ["Keys MoveNext after Add"] = d =>
        {
            using IEnumerator<string> enumerator = d.Keys.GetEnumerator();
            enumerator.MoveNext();
            d.Add("c", 3);
            enumerator.MoveNext();
        },
    };

    /// <summary>The names of <see cref="s_throwingCalls"/>.</summary>
    public static TheoryData<string> ThrowingCalls => [.. s_throwingCalls.Keys];

    /// <summary>The cases, for one target.</summary>
    public abstract class Suite : TestBase
    {
        internal static void RemoveOut(IDictionary<string, int> dictionary, string key) => Remove(dictionary, key, out _);

        internal static void TryAddTo(IDictionary<string, int> dictionary, string key, int value) => TryAdd(dictionary, key, value);

        internal static void Ensure(IDictionary<string, int> dictionary, int capacity) => EnsureCapacity(dictionary, capacity);

        internal static void Trim(IDictionary<string, int> dictionary, int capacity) => TrimExcess(dictionary, capacity);

        [Theory]
        [MemberData(nameof(ThrowingCalls), MemberType = typeof(GuardedDictionaryFidelityTests))]
        public void ThrowingCall_ThrowsWhatDictionaryThrows(string call)
        {
            Action<IDictionary<string, int>> act = s_throwingCalls[call];
            var reference = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };
            IDictionary<string, int> subject = NewDictionary<string, int>();
            subject.Add("a", 1);
            subject.Add("b", 2);

            Exception? expected = Record.Exception(() => act(reference));
            Exception? actual = Record.Exception(() => act(subject));
            Assert.NotNull(expected);
            Assert.NotNull(actual);
            Assert.Equal(expected.GetType(), actual.GetType());
            Assert.Equal((expected as ArgumentException)?.ParamName, (actual as ArgumentException)?.ParamName);
            Assert.Equal(expected.Message, actual.Message);
        }

        [Fact]
        public void NegativeCapacity_ThrowsWhatDictionaryThrows()
        {
            Exception expected = Assert.ThrowsAny<ArgumentException>(() => new Dictionary<string, int>(-1));
            Exception actual = Assert.ThrowsAny<ArgumentException>(() => NewDictionary<string, int>(-1));
            Assert.Equal(expected.GetType(), actual.GetType());
            Assert.Equal(expected.Message, actual.Message);
        }

        [Fact]
        public void SystemTextJson_WritesAndReadsWhatDictionaryDoes()
        {
            var reference = new Dictionary<string, int>();
            IDictionary<string, int> subject = NewDictionary<string, int>();
            for (int i = 0; i < 100; i++)
            {
                reference.Add("k" + i, i);
                subject.Add("k" + i, i);
            }

            string json = JsonSerializer.Serialize(reference);
            Assert.Equal(json, JsonSerializer.Serialize(subject, subject.GetType()));

            var read = (IDictionary<string, int>)JsonSerializer.Deserialize(json, subject.GetType())!;
            Assert.Equal(subject.GetType(), read.GetType());
            Assert.Equal(reference, read.ToDictionary());
            Assert.Equal(reference.Keys, read.Keys);
        }

        [Fact]
        public void KeyWhoseHashCodeChangesDuringResizes_IsFoundWhenItChangesBack()
        {
            // Dictionary stores each entry's hash code when it is added and never asks the comparer again, not even
            // when it resizes; so a key whose hash code is inconsistent only while other keys are added stays findable.
            var comparer = new ShiftingComparer();
            IDictionary<int, int> dictionary = NewDictionary<int, int>(0, comparer);
            dictionary.Add(1, 1);
            comparer.Shift = 1_000_000;
            for (int key = 2; key <= 200; key++)
            {
                dictionary.Add(key, key);
            }

            comparer.Shift = 0;
            Assert.Equal(200, dictionary.Count);
            Assert.Equal(Enumerable.Range(1, 200), dictionary.Keys.Order());
            Assert.True(dictionary.TryGetValue(1, out int value));
            Assert.Equal(1, value);
        }

        [Fact]
        public void EnumerationAfterRemovesAndAdds_FollowsDictionarysFreeList()
        {
            // Dictionary reuses the most recently freed entry first, so after removes, new keys take the removed keys'
            // places in enumeration order, last removed first.
            IDictionary<int, int> dictionary = NewDictionary<int, int>();
            for (int key = 0; key < 10; key++)
            {
                dictionary.Add(key, key);
            }

            dictionary.Remove(3);
            dictionary.Remove(7);
            dictionary.Add(100, 100);
            dictionary.Add(101, 101);
            dictionary.Add(102, 102);
            Assert.Equal([0, 1, 2, 101, 4, 5, 6, 100, 8, 9, 102], dictionary.Keys);
        }
    }

    /// <summary>Hashes a key as itself plus <see cref="Shift"/>, which the test changes between calls.</summary>
    private sealed class ShiftingComparer : IEqualityComparer<int>
    {
        public int Shift { get; set; }

        public bool Equals(int x, int y) => x == y;

        public int GetHashCode(int obj) => obj + Shift;
    }

    /// <summary>Against <see cref="Dictionary{TKey, TValue}"/>.</summary>
    public sealed class OnDictionary : Suite
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.Dictionary;
    }

    /// <summary>Against <see cref="GuardedDictionary{TKey, TValue}"/> in Throw mode.</summary>
    public sealed class OnGuardedThrow : Suite
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.GuardedThrow;
    }

    /// <summary>Against <see cref="GuardedDictionary{TKey, TValue}"/> in Report mode.</summary>
    public sealed class OnGuardedReport : Suite
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.GuardedReport;
    }
}
