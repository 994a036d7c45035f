// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

using System.Collections;

namespace MapGuard.Ported.RuntimeCollections;

/// <summary>
/// The <see cref="IDictionary{TKey, TValue}"/> conformance cases of dotnet/runtime's
/// src/libraries/Common/tests/System/Collections/IDictionary.Generic.Tests.cs (commit
/// 0e9e7dcabc3868112cc6123ad0be33a0090da2a1) and IDictionary.Generic.Tests.netcoreapp.cs (commit
/// 20dcbe553a9a5172e4156f684669b299ba38c73d), MIT license, .NET Foundation; rewritten for xunit.v3. The cases for
/// read-only dictionaries are left out (none here is read-only).
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public abstract class DictionaryInterfaceGenericTests<TKey, TValue> : CollectionGenericTests<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    /// <summary>A key that depends only on <paramref name="seed"/>.</summary>
    protected abstract TKey CreateTKey(int seed);

    /// <summary>A value that depends only on <paramref name="seed"/>.</summary>
    protected abstract TValue CreateTValue(int seed);

    /// <summary>Gets the key comparer the constructor tests pass.</summary>
    protected virtual IEqualityComparer<TKey> GetKeyIEqualityComparer() => EqualityComparer<TKey>.Default;

    /// <summary>An empty dictionary under test.</summary>
    protected IDictionary<TKey, TValue> GenericIDictionaryFactory() => NewDictionary<TKey, TValue>();

    /// <summary>An empty dictionary under test with <paramref name="comparer"/>.</summary>
    protected IDictionary<TKey, TValue> GenericIDictionaryFactory(IEqualityComparer<TKey> comparer) =>
        NewDictionary<TKey, TValue>(comparer: comparer);

    /// <summary>Gets whether an enumerator of <c>Keys</c> or <c>Values</c> throws once the dictionary changed
    /// (ConcurrentDictionary's views are snapshots: theirs go on).</summary>
    protected virtual bool IDictionary_Generic_Keys_Values_Enumeration_ThrowsInvalidOperation_WhenParentModified => true;

    /// <summary>Gets whether <c>Keys</c> and <c>Values</c> are live views of the dictionary (ConcurrentDictionary's are
    /// snapshots, which keep what they held).</summary>
    protected virtual bool IDictionary_Generic_Keys_Values_ModifyingTheDictionaryUpdatesTheCollection => true;

    /// <summary>A dictionary under test with <paramref name="count"/> entries.</summary>
    protected IDictionary<TKey, TValue> GenericIDictionaryFactory(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory();
        AddToCollection(dictionary, count);
        return dictionary;
    }

    /// <summary>A key that is neither in <paramref name="dictionary"/> nor default.</summary>
    protected TKey GetNewKey(IDictionary<TKey, TValue> dictionary)
    {
        int seed = 840;
        TKey key = CreateTKey(seed++);
        while (dictionary.ContainsKey(key) || EqualityComparer<TKey>.Default.Equals(key, default))
        {
            key = CreateTKey(seed++);
        }

        return key;
    }

    /// <inheritdoc/>
    protected override ICollection<KeyValuePair<TKey, TValue>> GenericICollectionFactory() => GenericIDictionaryFactory();

    /// <inheritdoc/>
    protected override ICollection<KeyValuePair<TKey, TValue>> GenericICollectionFactory(int count) => GenericIDictionaryFactory(count);

    /// <summary>Gets whether default(TKey) is a valid key (upstream's name; false for reference keys).</summary>
    protected override bool DefaultValueAllowed => false;

    /// <inheritdoc/>
    protected override bool DuplicateValuesAllowed => false;

    /// <inheritdoc/>
    protected override void AddToCollection(ICollection<KeyValuePair<TKey, TValue>> collection, int numberOfItemsToAdd)
    {
        var dictionary = (IDictionary<TKey, TValue>)collection;
        int seed = 12353;
        int initialCount = dictionary.Count;
        while (dictionary.Count - initialCount < numberOfItemsToAdd)
        {
            KeyValuePair<TKey, TValue> toAdd = CreateT(seed++);
            while (dictionary.ContainsKey(toAdd.Key))
            {
                toAdd = CreateT(seed++);
            }

            collection.Add(toAdd);
        }
    }

    /// <inheritdoc/>
    protected override IEnumerable<ModifyEnumerable> GetModifyEnumerables(ModifyOperation operations)
    {
        if (operations.HasFlag(ModifyOperation.Add))
        {
            yield return enumerable =>
            {
                ((IDictionary<TKey, TValue>)enumerable).Add(CreateTKey(12), CreateTValue(5123));
                return true;
            };
        }

        if (operations.HasFlag(ModifyOperation.Insert))
        {
            yield return enumerable =>
            {
                ((IDictionary<TKey, TValue>)enumerable)[CreateTKey(541)] = CreateTValue(12);
                return true;
            };
        }

        if (operations.HasFlag(ModifyOperation.Overwrite))
        {
            yield return enumerable =>
            {
                var dictionary = (IDictionary<TKey, TValue>)enumerable;
                if (dictionary.Count == 0)
                {
                    return false;
                }

                dictionary[dictionary.Keys.First()] = CreateTValue(12);
                return true;
            };
        }

        if (operations.HasFlag(ModifyOperation.Remove))
        {
            yield return enumerable =>
            {
                var dictionary = (IDictionary<TKey, TValue>)enumerable;
                return dictionary.Count > 0 && dictionary.Remove(dictionary.Keys.First());
            };
        }

        if (operations.HasFlag(ModifyOperation.Clear))
        {
            yield return enumerable =>
            {
                var dictionary = (IDictionary<TKey, TValue>)enumerable;
                if (dictionary.Count == 0)
                {
                    return false;
                }

                dictionary.Clear();
                return true;
            };
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_ItemGet_DefaultKey(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        if (!DefaultValueAllowed)
        {
            Assert.Throws<ArgumentNullException>(() => dictionary[default!]);
        }
        else
        {
            TValue value = CreateTValue(3452);
            dictionary[default!] = value;
            Assert.Equal(value, dictionary[default!]);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_ItemGet_MissingNonDefaultKey_ThrowsKeyNotFoundException(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TKey missingKey = GetNewKey(dictionary);
        Assert.Throws<KeyNotFoundException>(() => dictionary[missingKey]);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_ItemGet_MissingDefaultKey_ThrowsKeyNotFoundException(int count)
    {
        if (!DefaultValueAllowed)
        {
            return; // reference keys: covered by ItemGet_DefaultKey (as upstream)
        }

        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        dictionary.Remove(default!);
        Assert.Throws<KeyNotFoundException>(() => dictionary[default!]);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_ItemGet_PresentKeyReturnsCorrectValue(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        foreach (KeyValuePair<TKey, TValue> pair in dictionary)
        {
            Assert.Equal(pair.Value, dictionary[pair.Key]);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_ItemSet_DefaultKey(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        if (!DefaultValueAllowed)
        {
            Assert.Throws<ArgumentNullException>(() => dictionary[default!] = CreateTValue(3));
        }
        else
        {
            TValue value = CreateTValue(3452);
            dictionary[default!] = value;
            Assert.Equal(value, dictionary[default!]);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_ItemSet_AddsNewValueWhenNotPresent(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        dictionary[GetNewKey(dictionary)] = CreateTValue(543);
        Assert.Equal(count + 1, dictionary.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_ItemSet_ReplacesExistingValueWhenPresent(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TKey existingKey = GetNewKey(dictionary);
        dictionary.Add(existingKey, CreateTValue(5342));
        TValue newValue = CreateTValue(1234);
        dictionary[existingKey] = newValue;
        Assert.Equal(count + 1, dictionary.Count);
        Assert.Equal(newValue, dictionary[existingKey]);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Keys_ContainsAllCorrectKeys(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        Assert.Equal(dictionary.Select(pair => pair.Key), dictionary.Keys);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Keys_ModifyingTheDictionaryUpdatesTheCollection(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        ICollection<TKey> keys = dictionary.Keys;
        int previousCount = keys.Count;
        if (count > 0)
        {
            Assert.NotEmpty(keys);
        }

        dictionary.Clear();
        if (IDictionary_Generic_Keys_Values_ModifyingTheDictionaryUpdatesTheCollection)
        {
            Assert.Empty(keys);
        }
        else
        {
            Assert.Equal(previousCount, keys.Count);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Keys_Enumeration_ParentDictionaryModifiedInvalidates(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        IEnumerator<TKey> keys = dictionary.Keys.GetEnumerator();
        dictionary.Add(GetNewKey(dictionary), CreateTValue(3432));
        if (!IDictionary_Generic_Keys_Values_Enumeration_ThrowsInvalidOperation_WhenParentModified)
        {
            keys.MoveNext();
            keys.Reset();
            ReadCurrentAfterReset(keys);
        }
        else if (count == 0)
        {
            // An empty Dictionary's view hands out a shared empty enumerator, which no change invalidates.
            Assert.False(keys.MoveNext());
            keys.Reset();
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => keys.MoveNext());
            Assert.Throws<InvalidOperationException>(keys.Reset);
            _ = keys.Current;
        }
    }

    /// <summary>Reads Current after Reset, where it is undefined. Upstream reads it expecting no exception; on .NET 10
    /// ConcurrentDictionary's snapshot views enumerate an array, whose enumerator throws
    /// <see cref="InvalidOperationException"/> there, so that is allowed too (and nothing else).</summary>
    private static void ReadCurrentAfterReset<T>(IEnumerator<T> enumerator)
    {
        Exception? thrown = Record.Exception(() => enumerator.Current);
        Assert.True(thrown is null or InvalidOperationException, $"Current after Reset threw {thrown?.GetType()}");
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Keys_IsReadOnly(int count)
    {
        ICollection<TKey> keys = GenericIDictionaryFactory(count).Keys;
        Assert.True(keys.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => keys.Add(CreateTKey(11)));
        Assert.Throws<NotSupportedException>(keys.Clear);
        Assert.Throws<NotSupportedException>(() => keys.Remove(CreateTKey(11)));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Keys_Enumeration_Reset(int count)
    {
        IEnumerator<TKey> keys = GenericIDictionaryFactory(count).Keys.GetEnumerator();
        keys.Reset();
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Values_ContainsAllCorrectValues(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        Assert.Equal(dictionary.Select(pair => pair.Value), dictionary.Values);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Values_IncludeDuplicatesMultipleTimes(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        int seed = 431;
        foreach (KeyValuePair<TKey, TValue> pair in dictionary.ToList())
        {
            TKey missingKey = CreateTKey(seed++);
            while (dictionary.ContainsKey(missingKey))
            {
                missingKey = CreateTKey(seed++);
            }

            dictionary.Add(missingKey, pair.Value);
        }

        Assert.Equal(count * 2, dictionary.Values.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Values_ModifyingTheDictionaryUpdatesTheCollection(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        ICollection<TValue> values = dictionary.Values;
        int previousCount = values.Count;
        if (count > 0)
        {
            Assert.NotEmpty(values);
        }

        dictionary.Clear();
        if (IDictionary_Generic_Keys_Values_ModifyingTheDictionaryUpdatesTheCollection)
        {
            Assert.Empty(values);
        }
        else
        {
            Assert.Equal(previousCount, values.Count);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Values_Enumeration_ParentDictionaryModifiedInvalidates(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        IEnumerator<TValue> values = dictionary.Values.GetEnumerator();
        dictionary.Add(GetNewKey(dictionary), CreateTValue(3432));
        if (!IDictionary_Generic_Keys_Values_Enumeration_ThrowsInvalidOperation_WhenParentModified)
        {
            values.MoveNext();
            values.Reset();
            ReadCurrentAfterReset(values);
        }
        else if (count == 0)
        {
            // An empty Dictionary's view hands out a shared empty enumerator, which no change invalidates.
            Assert.False(values.MoveNext());
            values.Reset();
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => values.MoveNext());
            Assert.Throws<InvalidOperationException>(values.Reset);
            _ = values.Current;
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Values_IsReadOnly(int count)
    {
        ICollection<TValue> values = GenericIDictionaryFactory(count).Values;
        Assert.True(values.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => values.Add(CreateTValue(11)));
        Assert.Throws<NotSupportedException>(values.Clear);
        Assert.Throws<NotSupportedException>(() => values.Remove(CreateTValue(11)));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Values_Enumeration_Reset(int count)
    {
        IEnumerator<TValue> values = GenericIDictionaryFactory(count).Values.GetEnumerator();
        values.Reset();
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Add_DefaultKey_DefaultValue(int count) => AddDefaultKey(count, default!);

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Add_DefaultKey_NonDefaultValue(int count) => AddDefaultKey(count, CreateTValue(1456));

    private void AddDefaultKey(int count, TValue value)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        if (DefaultValueAllowed)
        {
            dictionary.Add(default!, value);
            Assert.Equal(count + 1, dictionary.Count);
            Assert.Equal(value, dictionary[default!]);
        }
        else
        {
            Assert.Throws<ArgumentNullException>(() => dictionary.Add(default!, value));
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Add_NonDefaultKey_DefaultValue(int count) => AddNewKey(count, default!);

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Add_NonDefaultKey_NonDefaultValue(int count) => AddNewKey(count, CreateTValue(1342));

    private void AddNewKey(int count, TValue value)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TKey missingKey = GetNewKey(dictionary);
        dictionary.Add(missingKey, value);
        Assert.Equal(count + 1, dictionary.Count);
        Assert.Equal(value, dictionary[missingKey]);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Add_DuplicateValue(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        int seed = 321;
        TValue duplicate = CreateTValue(seed++);
        while (dictionary.Values.Contains(duplicate))
        {
            duplicate = CreateTValue(seed++);
        }

        dictionary.Add(GetNewKey(dictionary), duplicate);
        dictionary.Add(GetNewKey(dictionary), duplicate);
        Assert.Equal(2, dictionary.Values.Count(value => EqualityComparer<TValue>.Default.Equals(value, duplicate)));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Add_DuplicateKey(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TKey missingKey = GetNewKey(dictionary);
        dictionary.Add(missingKey, CreateTValue(34251));
        Assert.Throws<ArgumentException>(() => dictionary.Add(missingKey, CreateTValue(134)));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_Add_DistinctValuesWithHashCollisions(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(new ConstantHashCodeComparer<TKey>(EqualityComparer<TKey>.Default));
        AddToCollection(dictionary, count);
        Assert.Equal(count, dictionary.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_ContainsKey_ValidKeyNotContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        Assert.False(dictionary.ContainsKey(GetNewKey(dictionary)));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_ContainsKey_ValidKeyContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TKey missingKey = GetNewKey(dictionary);
        dictionary.Add(missingKey, CreateTValue(34251));
        Assert.True(dictionary.ContainsKey(missingKey));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_ContainsKey_DefaultKeyNotContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        if (DefaultValueAllowed)
        {
            dictionary.Remove(default!);
            Assert.False(dictionary.ContainsKey(default!));
        }
        else
        {
            Assert.Throws<ArgumentNullException>(() => dictionary.ContainsKey(default!));
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_ContainsKey_DefaultKeyContainedInDictionary(int count)
    {
        if (!DefaultValueAllowed)
        {
            return; // reference keys: covered by ContainsKey_DefaultKeyNotContainedInDictionary (as upstream)
        }

        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        if (!dictionary.ContainsKey(default!))
        {
            dictionary.Add(default!, CreateTValue(5341));
        }

        Assert.True(dictionary.ContainsKey(default!));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_RemoveKey_EveryKey(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        Assert.All(dictionary.Keys.ToList(), key => Assert.True(dictionary.Remove(key)));
        Assert.Empty(dictionary);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_RemoveKey_ValidKeyNotContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        Assert.False(dictionary.Remove(GetNewKey(dictionary)));
        Assert.Equal(count, dictionary.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_RemoveKey_ValidKeyContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TKey missingKey = GetNewKey(dictionary);
        dictionary.Add(missingKey, CreateTValue(34251));
        Assert.True(dictionary.Remove(missingKey));
        Assert.Equal(count, dictionary.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_RemoveKey_DefaultKeyNotContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        if (DefaultValueAllowed)
        {
            while (dictionary.ContainsKey(default!))
            {
                dictionary.Remove(default!);
            }

            Assert.False(dictionary.Remove(default!));
        }
        else
        {
            Assert.Throws<ArgumentNullException>(() => dictionary.Remove(default!));
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_RemoveKey_DefaultKeyContainedInDictionary(int count)
    {
        if (!DefaultValueAllowed)
        {
            return; // reference keys: covered by RemoveKey_DefaultKeyNotContainedInDictionary (as upstream)
        }

        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TryAdd(dictionary, default!, CreateTValue(5341));
        Assert.True(dictionary.Remove(default!));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_TryGetValue_ValidKeyNotContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        Assert.False(dictionary.TryGetValue(GetNewKey(dictionary), out _));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_TryGetValue_ValidKeyContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TKey missingKey = GetNewKey(dictionary);
        TValue value = CreateTValue(5123);
        Assert.True(TryAdd(dictionary, missingKey, value));
        Assert.True(dictionary.TryGetValue(missingKey, out TValue? found));
        Assert.Equal(value, found);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_TryGetValue_DefaultKeyNotContainedInDictionary(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        if (DefaultValueAllowed)
        {
            dictionary.Remove(default!);
            Assert.False(dictionary.TryGetValue(default!, out _));
        }
        else
        {
            Assert.Throws<ArgumentNullException>(() => dictionary.TryGetValue(default!, out _));
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_Generic_TryGetValue_DefaultKeyContainedInDictionary(int count)
    {
        if (!DefaultValueAllowed)
        {
            return; // reference keys: covered by TryGetValue_DefaultKeyNotContainedInDictionary (as upstream)
        }

        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TValue value = CreateTValue(5123);
        TryAdd(dictionary, default!, value);
        Assert.True(dictionary.TryGetValue(default!, out TValue? found));
        Assert.Equal(value, found);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Contains_ValidPresentKeyWithDefaultValue(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        TKey missingKey = GetNewKey(dictionary);
        dictionary.Add(missingKey, default!);
        Assert.True(dictionary.Contains(new KeyValuePair<TKey, TValue>(missingKey, default!)));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Remove_ValidPresentKeyWithDifferentValue(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        (TKey key, TValue missing) = AddKeyWithOtherValue(dictionary);
        Assert.False(dictionary.Remove(new KeyValuePair<TKey, TValue>(key, missing)));
        Assert.True(dictionary.ContainsKey(key));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Contains_ValidPresentKeyWithDifferentValue(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        (TKey key, TValue missing) = AddKeyWithOtherValue(dictionary);
        Assert.False(dictionary.Contains(new KeyValuePair<TKey, TValue>(key, missing)));
    }

    private (TKey Key, TValue OtherValue) AddKeyWithOtherValue(IDictionary<TKey, TValue> dictionary)
    {
        TKey key = GetNewKey(dictionary);
        TValue present = CreateTValue(324);
        int seed = 5612;
        TValue missing = CreateTValue(seed);
        while (EqualityComparer<TValue>.Default.Equals(present, missing))
        {
            missing = CreateTValue(++seed);
        }

        dictionary.Add(key, present);
        return (key, missing);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        var pairs = new KeyValuePair<TKey, TValue>[count];
        object[] objects = new object[count];
        dictionary.CopyTo(pairs, 0);
        ((ICollection)dictionary).CopyTo(objects, 0);
        Assert.Equal(pairs.Cast<object>(), objects);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public override void ICollection_Generic_Contains_DefaultValueWhenNotAllowed(int count)
    {
        if (DefaultValueAllowed)
        {
            return; // default(KeyValuePair) is a valid entry for value-type keys (as upstream)
        }

        ICollection<KeyValuePair<TKey, TValue>> collection = GenericIDictionaryFactory(count);
        Assert.Throws<ArgumentNullException>(() => collection.Contains(default));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void KeyValuePair_Deconstruct(int count)
    {
        IDictionary<TKey, TValue> dictionary = GenericIDictionaryFactory(count);
        Assert.All(dictionary, entry =>
        {
            (TKey key, TValue value) = entry;
            Assert.Equal(entry.Key, key);
            Assert.Equal(entry.Value, value);
        });
    }
}
