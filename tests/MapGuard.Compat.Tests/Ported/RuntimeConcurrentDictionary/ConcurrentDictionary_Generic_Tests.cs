// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Ported from dotnet/runtime, src/libraries/System.Collections.Concurrent/tests/ConcurrentDictionary/ConcurrentDictionary.Generic.Tests.cs
// at commit 18af4648ae490f6547b03f9b7c951cef4d99ae65 (this class; the four key types are in the
// ConcurrentDictionary_Generic_Tests_*.cs files beside it). Adapted for MapGuard: it derives from the conformance
// bases shared with MapGuard.Tests (tests/Shared/RuntimeCollections/), whose GenericIDictionaryFactory builds the map
// under test through TestBase.NewDictionary (tests/MapGuard.Compat.Tests/Ported/TestBase.Maps.cs), and
// new ConcurrentDictionary<,>(source[, comparer]) -> NewDictionary(source[, comparer]). It runs once per map of
// MapKinds and once on ConcurrentDictionary itself (ConcurrentDictionaryGenericTestsOnEveryMap.cs). Overrides, test
// names and asserts are upstream's.

using MapGuard.Ported.RuntimeCollections;

namespace MapGuard.Compat.Tests.Ported.RuntimeConcurrentDictionary
{
    /// <summary>
    /// Contains tests that ensure the correctness of the ConcurrentDictionary class.
    /// </summary>
    /// <remarks>
    /// Upstream also sets <c>ResetImplemented</c> and <c>IDictionary_Generic_Keys_Values_Enumeration_ResetImplemented</c>
    /// to true, which the shared bases assume (every enumerator here implements Reset), and
    /// <c>Enumerator_ModifiedDuringEnumeration_ThrowsInvalidOperationException</c> to false, which with no modifying
    /// delegates (<see cref="GetModifyEnumerables"/>) changes no case, as upstream: what an enumerator does after a
    /// change is compared with ConcurrentDictionary's by DropIn/EnumeratorTests.cs.
    /// </remarks>
    public abstract class ConcurrentDictionary_Generic_Tests<TKey, TValue> : DictionaryInterfaceGenericTests<TKey, TValue>
    {
        #region IDictionary<TKey, TValue Helper Methods

        protected override IEnumerable<ModifyEnumerable> GetModifyEnumerables(ModifyOperation operations) => new List<ModifyEnumerable>();

        protected override bool IDictionary_Generic_Keys_Values_Enumeration_ThrowsInvalidOperation_WhenParentModified => false;

        protected override bool IDictionary_Generic_Keys_Values_ModifyingTheDictionaryUpdatesTheCollection => false;

        protected override EnumerableOrder Order => EnumerableOrder.Unspecified;

        #endregion

        #region Constructors

        [Theory]
        [MemberData(nameof(ValidCollectionSizes))]
        public void Ctor_IDictionary(int count)
        {
            IDictionary<TKey, TValue> source = GenericIDictionaryFactory(count);
            IDictionary<TKey, TValue> copied = NewDictionary<TKey, TValue>(source);
            Assert.Equal(source, copied);
        }

        [Theory]
        [MemberData(nameof(ValidCollectionSizes))]
        public void Ctor_IDictionary_IEqualityComparer(int count)
        {
            IEqualityComparer<TKey> comparer = GetKeyIEqualityComparer();
            IDictionary<TKey, TValue> source = GenericIDictionaryFactory(count);
            IDictionary<TKey, TValue> copied = NewDictionary<TKey, TValue>(source, comparer);
            Assert.Equal(source, copied);
        }

        [Theory]
        [MemberData(nameof(ValidCollectionSizes))]
        public void Ctor_IEqualityComparer(int count)
        {
            IEqualityComparer<TKey> comparer = GetKeyIEqualityComparer();
            IDictionary<TKey, TValue> source = GenericIDictionaryFactory(count);
            IDictionary<TKey, TValue> copied = NewDictionary<TKey, TValue>(source, comparer);
            Assert.Equal(source, copied);
        }

        #endregion

        #region IReadOnlyDictionary<TKey, TValue>.Keys

        [Theory]
        [MemberData(nameof(ValidCollectionSizes))]
        public void IReadOnlyDictionary_Generic_Keys_ContainsAllCorrectKeys(int count)
        {
            IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
            IEnumerable<TKey> expected = dictionary.Select((pair) => pair.Key);
            IEnumerable<TKey> keys = ((IReadOnlyDictionary<TKey, TValue>)dictionary).Keys;
            Assert.True(expected.SequenceEqual(keys));
        }

        [Theory]
        [MemberData(nameof(ValidCollectionSizes))]
        public void IReadOnlyDictionary_Generic_Values_ContainsAllCorrectValues(int count)
        {
            IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
            IEnumerable<TValue> expected = dictionary.Select((pair) => pair.Value);
            IEnumerable<TValue> values = ((IReadOnlyDictionary<TKey, TValue>)dictionary).Values;
            Assert.True(expected.SequenceEqual(values));
        }

        #endregion
    }
}
