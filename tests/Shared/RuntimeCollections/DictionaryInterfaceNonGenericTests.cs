// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

using System.Collections;

namespace MapGuard.Ported.RuntimeCollections;

/// <summary>
/// The non-generic <see cref="IDictionary"/> conformance cases of dotnet/runtime's
/// src/libraries/Common/tests/System/Collections/IDictionary.NonGeneric.Tests.cs (commit
/// 8b9361fc73ecb94ec69c883ace79e54c9b6c34c9) and IDictionary.NonGeneric.Tests.netcoreapp.cs (commit
/// 43f28251a03fcbbc60893c9b4a67eb6137feb18f), MIT license, .NET Foundation; rewritten for xunit.v3. Left out, as
/// no-ops here: the cases for read-only dictionaries and for dictionaries that take a null key, and the branches
/// for dictionaries whose views are snapshots (ConcurrentDictionary's) or whose enumerators cannot Reset.
/// </summary>
public abstract class DictionaryInterfaceNonGenericTests : CollectionNonGenericTests
{
    /// <summary>A key that depends only on <paramref name="seed"/>.</summary>
    protected abstract object CreateTKey(int seed);

    /// <summary>A value that depends only on <paramref name="seed"/>.</summary>
    protected virtual object CreateTValue(int seed) => CreateTKey(seed);

    /// <summary>An empty dictionary under test.</summary>
    protected abstract IDictionary NonGenericIDictionaryFactory();

    /// <summary>A dictionary under test with <paramref name="count"/> entries.</summary>
    protected IDictionary NonGenericIDictionaryFactory(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory();
        AddToCollection(dictionary, count);
        return dictionary;
    }

    /// <summary>A key that is not in <paramref name="dictionary"/>.</summary>
    protected object GetNewKey(IDictionary dictionary)
    {
        int seed = 840;
        object key = CreateTKey(seed++);
        while (dictionary.Contains(key))
        {
            key = CreateTKey(seed++);
        }

        return key;
    }

    /// <summary>Gets whether <c>Keys</c> and <c>Values</c> are live views of the dictionary (ConcurrentDictionary's are
    /// snapshots, which keep what they held).</summary>
    protected virtual bool IDictionary_NonGeneric_Keys_Values_ModifyingTheDictionaryUpdatesTheCollection => true;

    /// <summary>Gets whether an enumerator of <c>Keys</c> or <c>Values</c> throws once the dictionary changed
    /// (ConcurrentDictionary's views are snapshots: theirs go on).</summary>
    protected virtual bool IDictionary_NonGeneric_Keys_Values_ParentDictionaryModifiedInvalidates => true;

    /// <summary>Gets the expected <see cref="IDictionary.IsFixedSize"/>.</summary>
    protected virtual bool ExpectedIsFixedSize => false;

    /// <summary>Gets the expected <see cref="IDictionary.IsReadOnly"/>.</summary>
    protected virtual bool IsReadOnly => false;

    /// <inheritdoc/>
    protected override ICollection NonGenericICollectionFactory() => NonGenericIDictionaryFactory();

    /// <inheritdoc/>
    protected override bool Enumerator_Current_UndefinedOperation_Throws => true;

    /// <inheritdoc/>
    protected override Type ICollection_NonGeneric_CopyTo_ArrayOfEnumType_ThrowType => typeof(ArgumentException);

    /// <inheritdoc/>
    protected override void AddToCollection(ICollection collection, int numberOfItemsToAdd)
    {
        var dictionary = (IDictionary)collection;
        int seed = 12353;
        int initialCount = dictionary.Count;
        while (dictionary.Count - initialCount < numberOfItemsToAdd)
        {
            object key = CreateTKey(seed++);
            object value = CreateTValue(seed++);
            while (dictionary.Contains(key))
            {
                key = CreateTKey(seed++);
            }

            dictionary.Add(key, value);
        }
    }

    /// <summary>The first key <paramref name="dictionary"/> enumerates.</summary>
    private static object FirstKey(IDictionary dictionary)
    {
        IEnumerator keys = dictionary.Keys.GetEnumerator();
        Assert.True(keys.MoveNext());
        return keys.Current!;
    }

    /// <inheritdoc/>
    protected override IEnumerable<ModifyEnumerable> GetModifyEnumerables(ModifyOperation operations)
    {
        if (operations.HasFlag(ModifyOperation.Add))
        {
            yield return enumerable =>
            {
                ((IDictionary)enumerable).Add(CreateTKey(12), CreateTValue(5123));
                return true;
            };
        }

        if (operations.HasFlag(ModifyOperation.Insert))
        {
            yield return enumerable =>
            {
                ((IDictionary)enumerable)[CreateTKey(541)] = CreateTValue(12);
                return true;
            };
        }

        if (operations.HasFlag(ModifyOperation.Overwrite))
        {
            yield return enumerable =>
            {
                var dictionary = (IDictionary)enumerable;
                if (dictionary.Count == 0)
                {
                    return false;
                }

                dictionary[FirstKey(dictionary)] = CreateTValue(12);
                return true;
            };
        }

        if (operations.HasFlag(ModifyOperation.Remove))
        {
            yield return enumerable =>
            {
                var dictionary = (IDictionary)enumerable;
                if (dictionary.Count == 0)
                {
                    return false;
                }

                dictionary.Remove(FirstKey(dictionary));
                return true;
            };
        }

        if (operations.HasFlag(ModifyOperation.Clear))
        {
            yield return enumerable =>
            {
                var dictionary = (IDictionary)enumerable;
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
    public void IDictionary_NonGeneric_IsFixedSize_Validity(int count)
    {
        Assert.Equal(ExpectedIsFixedSize, NonGenericIDictionaryFactory(count).IsFixedSize);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_IsReadOnly_Validity(int count)
    {
        Assert.Equal(IsReadOnly, NonGenericIDictionaryFactory(count).IsReadOnly);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_ItemGet_NullKey(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        Assert.Throws<ArgumentNullException>(() => dictionary[null!]);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_ItemGet_MissingNonNullKey_ThrowsKeyNotFoundException(int count)
    {
        // Upstream's name; the non-generic indexer returns null for a missing key, and that is what it asserts.
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        Assert.Null(dictionary[GetNewKey(dictionary)]);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_ItemGet_PresenobjectReturnsCorrecobject(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        int seen = 0;
        foreach (DictionaryEntry entry in dictionary)
        {
            Assert.Equal(entry.Value, dictionary[entry.Key]);
            seen++;
        }

        Assert.Equal(count, seen);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_ItemSet_NullKey(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        Assert.Throws<ArgumentNullException>(() => dictionary[null!] = CreateTValue(3));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_ItemSet_AddsNewValueWhenNotPresent(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        dictionary[GetNewKey(dictionary)] = CreateTValue(543);
        Assert.Equal(count + 1, dictionary.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_ItemSet_ReplacesExistingValueWhenPresent(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        object existingKey = GetNewKey(dictionary);
        dictionary.Add(existingKey, CreateTValue(5342));
        object newValue = CreateTValue(1234);
        dictionary[existingKey] = newValue;
        Assert.Equal(count + 1, dictionary.Count);
        Assert.Equal(newValue, dictionary[existingKey]);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Keys_ContainsAllCorrectobjects(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        object[] expected = new object[count];
        dictionary.Keys.CopyTo(expected, 0);
        AssertCopiedInOrder(dictionary.Keys, expected);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Keys_ModifyingTheDictionaryUpdatesTheCollection(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        ICollection keys = dictionary.Keys;
        int previousCount = keys.Count;
        dictionary.Clear();
        if (IDictionary_NonGeneric_Keys_Values_ModifyingTheDictionaryUpdatesTheCollection)
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
    public void IDictionary_NonGeneric_Keys_Enumeration_ParentDictionaryModifiedInvalidatesEnumerator(int count) =>
        ViewEnumeratorAfterParentAdd(count, dictionary => dictionary.Keys);

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Keys_Enumeration_Reset(int count)
    {
        NonGenericIDictionaryFactory(count).Keys.GetEnumerator().Reset();
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Values_ContainsAllCorrecobjects(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        object[] expected = new object[count];
        dictionary.Values.CopyTo(expected, 0);
        AssertCopiedInOrder(dictionary.Values, expected);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Values_IncludeDuplicatesMultipleTimes(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        var entries = new List<DictionaryEntry>();
        foreach (DictionaryEntry entry in dictionary)
        {
            entries.Add(entry);
        }

        foreach (DictionaryEntry entry in entries)
        {
            dictionary.Add(GetNewKey(dictionary), entry.Value);
        }

        Assert.Equal(count * 2, dictionary.Values.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Values_ModifyingTheDictionaryUpdatesTheCollection(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        ICollection values = dictionary.Values;
        int previousCount = values.Count;
        dictionary.Clear();
        if (IDictionary_NonGeneric_Keys_Values_ModifyingTheDictionaryUpdatesTheCollection)
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
    public void IDictionary_NonGeneric_Values_Enumeration_ParentDictionaryModifiedInvalidatesEnumerator(int count) =>
        ViewEnumeratorAfterParentAdd(count, dictionary => dictionary.Values);

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Values_Enumeration_Reset(int count)
    {
        NonGenericIDictionaryFactory(count).Values.GetEnumerator().Reset();
    }

    /// <summary>Opens an enumerator on a view, adds a key to the parent: MoveNext and Reset throw, unless the view
    /// was empty and <see cref="EnumerableNonGenericTests.Enumerator_Empty_ModifiedDuringEnumeration_ThrowsInvalidOperationException"/>
    /// says its (shared) enumerator ignores changes, or <see cref="IDictionary_NonGeneric_Keys_Values_ParentDictionaryModifiedInvalidates"/>
    /// says the view is a snapshot, whose enumerator goes on.</summary>
    private void ViewEnumeratorAfterParentAdd(int count, Func<IDictionary, ICollection> view)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        IEnumerator enumerator = view(dictionary).GetEnumerator();
        dictionary.Add(GetNewKey(dictionary), CreateTValue(3432));
        if (!IDictionary_NonGeneric_Keys_Values_ParentDictionaryModifiedInvalidates)
        {
            enumerator.MoveNext();
            if (count > 0)
            {
                _ = enumerator.Current;
            }

            enumerator.Reset();
        }
        else if (count > 0 || Enumerator_Empty_ModifiedDuringEnumeration_ThrowsInvalidOperationException)
        {
            Assert.Throws<InvalidOperationException>(() => enumerator.MoveNext());
            Assert.Throws<InvalidOperationException>(enumerator.Reset);
        }
        else
        {
            Assert.False(enumerator.MoveNext());
            enumerator.Reset();
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Add_NullKey_NullValue(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        Assert.Throws<ArgumentNullException>(() => dictionary.Add(null!, null));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Add_NullKey_NonNullValue(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        Assert.Throws<ArgumentNullException>(() => dictionary.Add(null!, CreateTValue(1456)));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Add_NonNullKey_NullValue(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        object missingKey = GetNewKey(dictionary);
        dictionary.Add(missingKey, null);
        Assert.Equal(count + 1, dictionary.Count);
        Assert.Null(dictionary[missingKey]);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Add_NonNullKey_NonNulValue(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        object missingKey = GetNewKey(dictionary);
        object value = CreateTValue(1342);
        dictionary.Add(missingKey, value);
        Assert.Equal(count + 1, dictionary.Count);
        Assert.Equal(value, dictionary[missingKey]);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Add_DuplicateKey(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        object missingKey = GetNewKey(dictionary);
        dictionary.Add(missingKey, CreateTValue(34251));
        Assert.Throws<ArgumentException>(() => dictionary.Add(missingKey, CreateTValue(134)));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Remove_NullKey(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        Assert.Throws<ArgumentNullException>(() => dictionary.Remove(null!));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Clear(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        for (int i = 0; i < 2; i++) // the second time clears an already cleared dictionary
        {
            dictionary.Clear();
            Assert.Equal([0, 0, 0], [dictionary.Count, dictionary.Keys.Count, dictionary.Values.Count]);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Contains_ValidKeyNotContainedInDictionary(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        Assert.False(dictionary.Contains(GetNewKey(dictionary)));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Contains_ValidKeyContainedInDictionary(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        object missingKey = GetNewKey(dictionary);
        dictionary.Add(missingKey, CreateTValue(34251));
        Assert.True(dictionary.Contains(missingKey));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_Contains_NullKeyNotContainedInDictionary(int count)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(count);
        Assert.Throws<ArgumentNullException>(() => dictionary.Contains(null!));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_IDictionaryEnumerator_Current_FromStartToFinish(int count)
    {
        IDictionaryEnumerator enumerator = NonGenericIDictionaryFactory(count).GetEnumerator();
        for (int pass = 0; pass < 2; pass++) // the second pass after Reset
        {
            int seen = 0;
            while (enumerator.MoveNext())
            {
                object? current = enumerator.Current;
                object key = enumerator.Key;
                object? value = enumerator.Value;
                DictionaryEntry entry = enumerator.Entry;
                Assert.Equal(current, entry);
                Assert.Equal(key, entry.Key);
                Assert.Equal(value, entry.Value);
                seen++;
            }

            Assert.Equal(count, seen);
            enumerator.Reset();
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_IDictionaryEnumerator_Reset_BeforeIteration_Support(int count)
    {
        NonGenericIDictionaryFactory(count).GetEnumerator().Reset();
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_IDictionaryEnumerator_Current_ReturnsSameValueOnRepeatedCalls(int count)
    {
        IDictionaryEnumerator enumerator = NonGenericIDictionaryFactory(count).GetEnumerator();
        while (enumerator.MoveNext())
        {
            object? current = enumerator.Current;
            Assert.Equal(current, enumerator.Current);
            Assert.Equal(current, enumerator.Current);
            Assert.Equal(current, enumerator.Current);
        }
    }

    /// <summary>Current, Key, Value and Entry where they are undefined: each must throw if
    /// <see cref="EnumerableNonGenericTests.Enumerator_Current_UndefinedOperation_Throws"/>.</summary>
    private void ReadUndefinedEntry(IDictionaryEnumerator enumerator)
    {
        if (Enumerator_Current_UndefinedOperation_Throws)
        {
            Assert.Throws<InvalidOperationException>(() => enumerator.Current);
            Assert.Throws<InvalidOperationException>(() => enumerator.Key);
            Assert.Throws<InvalidOperationException>(() => enumerator.Value);
            Assert.Throws<InvalidOperationException>(() => enumerator.Entry);
        }
        else
        {
            _ = enumerator.Current;
            _ = enumerator.Key;
            _ = enumerator.Value;
            _ = enumerator.Entry;
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_IDictionaryEnumerator_Current_BeforeFirstMoveNext_UndefinedBehavior(int count)
    {
        ReadUndefinedEntry(NonGenericIDictionaryFactory(count).GetEnumerator());
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_IDictionaryEnumerator_Current_AfterEndOfEnumerable_UndefinedBehavior(int count)
    {
        IDictionaryEnumerator enumerator = NonGenericIDictionaryFactory(count).GetEnumerator();
        while (enumerator.MoveNext())
        {
        }

        ReadUndefinedEntry(enumerator);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IDictionary_NonGeneric_IDictionaryEnumerator_Current_ModifiedDuringEnumeration_UndefinedBehavior(int count)
    {
        Assert.All(GetModifyEnumerables(ModifyEnumeratorThrows), modify =>
        {
            IDictionary dictionary = NonGenericIDictionaryFactory(count);
            IDictionaryEnumerator enumerator = dictionary.GetEnumerator();
            if (modify(dictionary))
            {
                ReadUndefinedEntry(enumerator);
            }
        });
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void DictionaryEntry_Deconstruct(int size)
    {
        IDictionary dictionary = NonGenericIDictionaryFactory(size);
        foreach (DictionaryEntry entry in dictionary)
        {
            entry.Deconstruct(out object key, out object? value);
            Assert.Equal(key, entry.Key);
            Assert.Equal(value, entry.Value);

            (key, value) = (null!, null);
            (key, value) = entry;
            Assert.Equal(key, entry.Key);
            Assert.Equal(value, entry.Value);
        }
    }
}
