using MapGuard.Tests.Ported.RuntimeDictionary;

namespace MapGuard.Tests.Detection;

/// <summary>
/// Dictionary behaviour that issue 20 names and the ported dotnet/runtime suite does not test, run like that suite on
/// Dictionary (the reference) and on GuardedDictionary in both modes. MapGuard's own cases, not from upstream.
/// </summary>
public static class GuardedDictionaryFidelityTests
{
    /// <summary>The cases, for one target.</summary>
    public abstract class Suite : PortedSuiteBase
    {
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
