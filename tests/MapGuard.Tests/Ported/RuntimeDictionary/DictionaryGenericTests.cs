// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

using MapGuard.Ported.RuntimeCollections;

namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>
/// The <see cref="Dictionary{TKey, TValue}"/> cases of dotnet/runtime's
/// src/libraries/System.Collections/tests/Generic/Dictionary/Dictionary.Generic.Tests.cs (MIT license, .NET
/// Foundation; cases read at commit 1e30a5142e07b7490b3e33d7a987abc78e62188e), rewritten for xunit.v3 and run against
/// the target dictionary. docs/design/testing.md lists what is left out and why.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public abstract class DictionaryGenericTests<TKey, TValue> : DictionaryInterfaceGenericTests<TKey, TValue>
    where TKey : notnull
{
    /// <inheritdoc/>
    protected override ModifyOperation ModifyEnumeratorThrows => ModifyOperation.Add | ModifyOperation.Insert;

    /// <inheritdoc/>
    protected override ModifyOperation ModifyEnumeratorAllowed => ModifyOperation.Overwrite | ModifyOperation.Remove | ModifyOperation.Clear;

    /// <inheritdoc/>
    protected override bool Enumerator_Empty_UsesSingletonInstance => true;

    /// <inheritdoc/>
    protected override Type ICollection_Generic_CopyTo_IndexLargerThanArrayCount_ThrowType => typeof(ArgumentOutOfRangeException);

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_Constructor_IDictionary(int count)
    {
        IDictionary<TKey, TValue> source = GenericIDictionaryFactory(count);
        IDictionary<TKey, TValue> copied = CopyOf(source);
        AssertSameEntries(source, copied);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_Constructor_IDictionary_IEqualityComparer(int count)
    {
        IEqualityComparer<TKey> comparer = GetKeyIEqualityComparer();
        IDictionary<TKey, TValue> source = GenericIDictionaryFactory(count);
        IDictionary<TKey, TValue> copied = CopyOf(source, comparer);
        AssertSameEntries(source, copied);
        Assert.Equal(comparer, ComparerOf(copied));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_Constructor_int(int count)
    {
        Assert.Empty(NewDictionary<TKey, TValue>(count));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_Constructor_int_IEqualityComparer(int count)
    {
        IEqualityComparer<TKey> comparer = GetKeyIEqualityComparer();
        IDictionary<TKey, TValue> dictionary = NewDictionary<TKey, TValue>(count, comparer);
        Assert.Empty(dictionary);
        Assert.Equal(comparer, ComparerOf(dictionary));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_ContainsValue_NotPresent(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        int seed = 4315;
        TValue notPresent = CreateTValue(seed++);
        while (dictionary.Values.Contains(notPresent))
        {
            notPresent = CreateTValue(seed++);
        }

        Assert.False(ContainsValue(dictionary, notPresent));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_ContainsValue_Present(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        int seed = 4315;
        KeyValuePair<TKey, TValue> notPresent = CreateT(seed++);
        while (dictionary.ContainsKey(notPresent.Key))
        {
            notPresent = CreateT(seed++);
        }

        dictionary.Add(notPresent.Key, notPresent.Value);
        Assert.True(ContainsValue(dictionary, notPresent.Value));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_ContainsValue_DefaultValueNotPresent(int count)
    {
        Assert.False(ContainsValue(GenericIDictionaryFactory(count), default!));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_ContainsValue_DefaultValuePresent(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        dictionary.Add(GetNewKey(dictionary), default!);
        Assert.True(ContainsValue(dictionary, default!));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IReadOnlyDictionary_Generic_Keys_ContainsAllCorrectKeys(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        Assert.Equal(dictionary.Select(pair => pair.Key), ((IReadOnlyDictionary<TKey, TValue>)dictionary).Keys);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IReadOnlyDictionary_Generic_Values_ContainsAllCorrectValues(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        Assert.Equal(dictionary.Select(pair => pair.Value), ((IReadOnlyDictionary<TKey, TValue>)dictionary).Values);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_RemoveKey_ValidKeyNotContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        Assert.False(Remove(dictionary, GetNewKey(dictionary), out TValue value));
        Assert.Equal(count, dictionary.Count);
        Assert.Equal(default, value);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_RemoveKey_ValidKeyContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TKey key = GetNewKey(dictionary);
        TValue inValue = CreateTValue(count);
        dictionary.Add(key, inValue);
        Assert.True(Remove(dictionary, key, out TValue outValue));
        Assert.Equal(count, dictionary.Count);
        Assert.Equal(inValue, outValue);
        Assert.False(dictionary.TryGetValue(key, out _));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_RemoveKey_DefaultKeyNotContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        if (DefaultValueAllowed)
        {
            dictionary.Remove(default!);
            Assert.False(Remove(dictionary, default!, out TValue value));
            Assert.Equal(default, value);
        }
        else
        {
            TValue initial = CreateTValue(count);
            TValue value = initial;
            Assert.Throws<ArgumentNullException>(() => Remove(dictionary, default!, out value));
            Assert.Equal(initial, value);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_RemoveKey_DefaultKeyContainedInDictionary(int count)
    {
        if (!DefaultValueAllowed)
        {
            return; // reference keys: covered by RemoveKey_DefaultKeyNotContainedInDictionary (as upstream)
        }

        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TryAdd(dictionary, default!, default!);
        Assert.True(Remove(dictionary, default!, out _));
    }

    [Fact]
    public void Dictionary_Generic_Remove_RemoveFirstEnumerationContinues()
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(3);
        using IEnumerator<KeyValuePair<TKey, TValue>> enumerator = EnumeratorOf(dictionary);
        enumerator.MoveNext();
        TKey first = enumerator.Current.Key;
        enumerator.MoveNext();
        dictionary.Remove(first);
        Assert.True(enumerator.MoveNext());
        Assert.False(enumerator.MoveNext());
    }

    [Fact]
    public void Dictionary_Generic_Remove_RemoveCurrentEnumerationContinues()
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(3);
        using IEnumerator<KeyValuePair<TKey, TValue>> enumerator = EnumeratorOf(dictionary);
        enumerator.MoveNext();
        enumerator.MoveNext();
        dictionary.Remove(enumerator.Current.Key);
        Assert.True(enumerator.MoveNext());
        Assert.False(enumerator.MoveNext());
    }

    [Fact]
    public void Dictionary_Generic_Remove_RemoveLastEnumerationFinishes()
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(3);
        TKey last = dictionary.Last().Key;
        using IEnumerator<KeyValuePair<TKey, TValue>> enumerator = EnumeratorOf(dictionary);
        enumerator.MoveNext();
        enumerator.MoveNext();
        dictionary.Remove(last);
        Assert.False(enumerator.MoveNext());
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void EnsureCapacity_Generic_RequestingLargerCapacity_DoesInvalidateEnumeration(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        int capacity = EnsureCapacity(dictionary, 0);
        IEnumerator<KeyValuePair<TKey, TValue>> enumerator = EnumeratorOf(dictionary);
        EnsureCapacity(dictionary, capacity + 1);
        Assert.Throws<InvalidOperationException>(() => enumerator.MoveNext());
    }

    [Fact]
    public void EnsureCapacity_Generic_NegativeCapacityRequested_Throws()
    {
        IDictionary<TKey, TValue> dictionary = NewDictionary<TKey, TValue>();
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => EnsureCapacity(dictionary, -1)).ParamName);
    }

    [Fact]
    public void EnsureCapacity_Generic_DictionaryNotInitialized_RequestedZero_ReturnsZero()
    {
        Assert.Equal(0, EnsureCapacity(NewDictionary<TKey, TValue>(), 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EnsureCapacity_Generic_DictionaryNotInitialized_RequestedNonZero_CapacityIsSetToAtLeastTheRequested(int requestedCapacity)
    {
        Assert.InRange(EnsureCapacity(NewDictionary<TKey, TValue>(), requestedCapacity), requestedCapacity, int.MaxValue);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void EnsureCapacity_Generic_RequestedCapacitySmallerThanCurrent_CapacityUnchanged(int currentCapacity)
    {
        for (int i = 0; i <= currentCapacity; i++)
        {
            Assert.Equal(currentCapacity, EnsureCapacity(NewDictionary<TKey, TValue>(currentCapacity), i));
        }
    }

    [Theory]
    [InlineData(7)]
    public void EnsureCapacity_Generic_ExistingCapacityRequested_SameValueReturned(int capacity)
    {
        Assert.Equal(capacity, EnsureCapacity(NewDictionary<TKey, TValue>(capacity), capacity));
        Assert.Equal(capacity, EnsureCapacity(GenericIDictionaryFactory(capacity), capacity));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EnsureCapacity_Generic_EnsureCapacityCalledTwice_ReturnsSameValue(int count)
    {
        foreach (int requested in new[] { 0, count, count + 1 })
        {
            IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
            int capacity = EnsureCapacity(dictionary, requested);
            Assert.Equal(capacity, EnsureCapacity(dictionary, requested));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    public void EnsureCapacity_Generic_DictionaryNotEmpty_RequestedSmallerThanCount_ReturnsAtLeastSizeOfCount(int count)
    {
        Assert.InRange(EnsureCapacity(GenericIDictionaryFactory(count), count - 1), count, int.MaxValue);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(20)]
    public void EnsureCapacity_Generic_DictionaryNotEmpty_SetsToAtLeastTheRequested(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        int current = EnsureCapacity(dictionary, 0);
        Assert.InRange(EnsureCapacity(dictionary, current * 2), current * 2, int.MaxValue);
    }

    [Fact]
    public void EnsureCapacity_Generic_CapacityIsSetToPrimeNumberLargerOrEqualToRequested()
    {
        Assert.Equal(17, EnsureCapacity(NewDictionary<TKey, TValue>(), 17));
        Assert.Equal(17, EnsureCapacity(NewDictionary<TKey, TValue>(), 15));
        Assert.Equal(17, EnsureCapacity(NewDictionary<TKey, TValue>(), 13));
    }

    [Fact]
    public void TrimExcess_Generic_NegativeCapacity_Throw()
    {
        IDictionary<TKey, TValue> dictionary = NewDictionary<TKey, TValue>();
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => TrimExcess(dictionary, -1)).ParamName);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(23)]
    public void TrimExcess_Generic_CapacitySmallerThanCount_Throws(int suggestedCapacity)
    {
        foreach (int initial in new[] { 0, suggestedCapacity })
        {
            IDictionary<TKey, TValue> dictionary = NewDictionary<TKey, TValue>(initial);
            dictionary.Add(GetNewKey(dictionary), CreateTValue(0));
            Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => TrimExcess(dictionary, 0)).ParamName);
        }
    }

    [Fact]
    public void TrimExcess_Generic_LargeInitialCapacity_TrimReducesSize()
    {
        IDictionary<TKey, TValue> dictionary = NewDictionary<TKey, TValue>(20);
        TrimExcess(dictionary, 7);
        Assert.Equal(7, EnsureCapacity(dictionary, 0));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(23)]
    public void TrimExcess_Generic_TrimToLargerThanExistingCapacity_DoesNothing(int suggestedCapacity)
    {
        foreach (int initial in new[] { 0, suggestedCapacity / 2 })
        {
            IDictionary<TKey, TValue> dictionary = NewDictionary<TKey, TValue>(initial);
            int capacity = EnsureCapacity(dictionary, 0);
            TrimExcess(dictionary, suggestedCapacity);
            Assert.Equal(capacity, EnsureCapacity(dictionary, 0));
        }
    }

    [Fact]
    public void TrimExcess_Generic_DictionaryNotInitialized_CapacityRemainsAsMinPossible()
    {
        IDictionary<TKey, TValue> dictionary = NewDictionary<TKey, TValue>();
        Assert.Equal(0, EnsureCapacity(dictionary, 0));
        TrimExcess(dictionary);
        Assert.Equal(0, EnsureCapacity(dictionary, 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(85)]
    [InlineData(89)]
    public void TrimExcess_Generic_ClearThenTrimNonEmptyDictionary_SetsCapacityTo3(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        Assert.Equal(count, dictionary.Count);
        dictionary.Clear();
        TrimExcess(dictionary);
        Assert.Equal(3, EnsureCapacity(dictionary, 0));
    }

    [Theory]
    [InlineData(85)]
    [InlineData(89)]
    public void TrimExcess_NoArguments_TrimsToAtLeastCount(int count)
    {
        IDictionary<int, int> dictionary = NewDictionary<int, int>(20);
        for (int i = 0; i < count; i++)
        {
            dictionary.Add(i, 0);
        }

        TrimExcess(dictionary);
        Assert.InRange(EnsureCapacity(dictionary, 0), count, int.MaxValue);
    }

    [Theory]
    [InlineData(85)]
    [InlineData(89)]
    public void TrimExcess_WithArguments_OnDictionaryWithManyElementsRemoved_TrimsToAtLeastRequested(int finalCount)
    {
        const int InitToFinalRatio = 10;
        int initialCount = InitToFinalRatio * finalCount;
        IDictionary<int, int> dictionary = NewDictionary<int, int>(initialCount);
        Assert.InRange(EnsureCapacity(dictionary, 0), initialCount, int.MaxValue);
        for (int i = 0; i < initialCount; i++)
        {
            dictionary.Add(i, 0);
        }

        for (int i = 0; i < initialCount - finalCount; i++)
        {
            dictionary.Remove(i);
        }

        for (int i = InitToFinalRatio; i > 0; i--)
        {
            TrimExcess(dictionary, i * finalCount);
            Assert.InRange(EnsureCapacity(dictionary, 0), i * finalCount, int.MaxValue);
        }
    }

    [Theory]
    [InlineData(1000, 900, 5000, 85, 89)]
    [InlineData(1000, 400, 5000, 85, 89)]
    [InlineData(1000, 900, 500, 85, 89)]
    [InlineData(1000, 400, 500, 85, 89)]
    [InlineData(1000, 400, 500, 1, 3)]
    public void TrimExcess_NoArgument_TrimAfterEachBulkAddOrRemove_TrimsToAtLeastCount(int initialCount, int numRemove, int numAdd, int newCount, int newCapacity)
    {
        var random = new Random(32);
        IDictionary<int, int> dictionary = NewDictionary<int, int>();
        TrimExcess(dictionary);
        Assert.InRange(EnsureCapacity(dictionary, 0), dictionary.Count, int.MaxValue);

        int[] initialKeys = Enumerable.Range(0, initialCount).ToArray();
        random.Shuffle(initialKeys);
        foreach (int key in initialKeys)
        {
            dictionary.Add(key, 0);
        }

        TrimExcess(dictionary);
        Assert.InRange(EnsureCapacity(dictionary, 0), dictionary.Count, int.MaxValue);

        random.Shuffle(initialKeys);
        for (int i = 0; i < numRemove; i++)
        {
            dictionary.Remove(initialKeys[i]);
        }

        TrimExcess(dictionary);
        Assert.InRange(EnsureCapacity(dictionary, 0), dictionary.Count, int.MaxValue);

        int[] moreKeys = Enumerable.Range(initialCount, numAdd).ToArray();
        random.Shuffle(moreKeys);
        foreach (int key in moreKeys)
        {
            dictionary.Add(key, 0);
        }

        int currentCount = dictionary.Count;
        TrimExcess(dictionary);
        Assert.InRange(EnsureCapacity(dictionary, 0), currentCount, int.MaxValue);

        int[] existingKeys = [.. initialKeys.Skip(numRemove), .. moreKeys];
        random.Shuffle(existingKeys);
        for (int i = 0; i < currentCount - newCount; i++)
        {
            dictionary.Remove(existingKeys[i]);
        }

        TrimExcess(dictionary);
        int finalCapacity = EnsureCapacity(dictionary, 0);
        Assert.InRange(finalCapacity, newCount, initialCount);
        Assert.Equal(newCapacity, finalCapacity);
    }

    [Fact]
    public void TrimExcess_DictionaryHasElementsChainedWithSameHashcode_Success()
    {
        IDictionary<string, int> dictionary = NewDictionary<string, int>(7);
        for (int i = 0; i < 4; i++)
        {
            dictionary.Add(i.ToString(), 0);
        }

        // Two keys that share a bucket in Dictionary's own table (64-bit and 32-bit processes differ), from upstream.
        string[] chained = Environment.Is64BitProcess
            ? ["95e85f8e-67a3-4367-974f-dd24d8bb2ca2", "eb3d6fe9-de64-43a9-8f58-bddea727b1ca"]
            : ["25b1f130-7517-48e3-96b0-9da44e8bfe0e", "ba5a3625-bc38-4bf1-a707-a3cfe2158bae"];
        dictionary.Add(chained[0], 0);
        dictionary.Add(chained[1], 0);
        for (int i = 0; i < 4; i++)
        {
            dictionary.Remove(i.ToString());
        }

        TrimExcess(dictionary, 3);
        Assert.Equal(2, dictionary.Count);
        Assert.True(dictionary.ContainsKey(chained[0]));
        Assert.True(dictionary.ContainsKey(chained[1]));
    }

    [Fact]
    public void TrimExcess_Generic_DoesInvalidateEnumeration()
    {
        IDictionary<TKey, TValue> dictionary = NewDictionary<TKey, TValue>(20);
        IEnumerator<KeyValuePair<TKey, TValue>> enumerator = EnumeratorOf(dictionary);
        TrimExcess(dictionary, 7);
        Assert.Throws<InvalidOperationException>(() => enumerator.MoveNext());
    }

    [Fact]
    public void Dictionary_Comparer_NonRandomizedStringComparers()
    {
        IEqualityComparer<string>?[] comparers =
        [
            null,
            EqualityComparer<string>.Default,
            StringComparer.Ordinal,
            StringComparer.OrdinalIgnoreCase,
            StringComparer.InvariantCulture,
            StringComparer.InvariantCultureIgnoreCase,
            StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, ignoreCase: false),
            StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, ignoreCase: true),
        ];
        foreach (IEqualityComparer<string>? comparer in comparers)
        {
            IDictionary<string, object> dictionary = NewDictionary<string, object>(0, comparer);
            Assert.Same(comparer ?? EqualityComparer<string>.Default, ComparerOf(dictionary));
        }
    }
}
