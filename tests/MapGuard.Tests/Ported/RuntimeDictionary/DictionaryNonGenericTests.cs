// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

using System.Collections;
using MapGuard.Ported.RuntimeCollections;

namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>
/// Upstream's <c>Dictionary_IDictionary_NonGeneric_Tests</c> (in dotnet/runtime's
/// src/libraries/System.Collections/tests/Generic/Dictionary/Dictionary.Tests.cs, MIT license, .NET Foundation; cases
/// read at commit 051a43d2e3e1d6d2ed0c88b351155eb034b08621): a string/string dictionary of the target type through
/// <see cref="IDictionary"/>, rewritten for xunit.v3. Its own cases build a dictionary of the target type where upstream
/// builds a Dictionary.
/// </summary>
public abstract class DictionaryNonGenericTests : DictionaryInterfaceNonGenericTests
{
    /// <inheritdoc/>
    protected override bool Enumerator_Empty_UsesSingletonInstance => true;

    /// <inheritdoc/>
    protected override bool Enumerator_Empty_ModifiedDuringEnumeration_ThrowsInvalidOperationException => false;

    /// <inheritdoc/>
    protected override ModifyOperation ModifyEnumeratorThrows => ModifyOperation.Add | ModifyOperation.Insert;

    /// <inheritdoc/>
    protected override ModifyOperation ModifyEnumeratorAllowed => ModifyOperation.Overwrite | ModifyOperation.Remove | ModifyOperation.Clear;

    /// <inheritdoc/>
    protected override Type ICollection_NonGeneric_CopyTo_IndexLargerThanArrayCount_ThrowType => typeof(ArgumentOutOfRangeException);

    /// <inheritdoc/>
    protected override IDictionary NonGenericIDictionaryFactory() => (IDictionary)NewDictionary<string, string>();

    /// <summary>Keys: base64 of 5 to 14 random bytes, from the seed.</summary>
    protected override object CreateTKey(int seed)
    {
        byte[] bytes = new byte[(seed % 10) + 5];
        new Random(seed).NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    [Fact]
    public void IDictionary_NonGeneric_ItemSet_NullValueWhenDefaultValueIsNonNull()
    {
        var dictionary = (IDictionary)NewDictionary<string, int>();
        Assert.Throws<ArgumentNullException>(() => dictionary[GetNewKey(dictionary)] = null);
    }

    [Fact]
    public void IDictionary_NonGeneric_ItemSet_KeyOfWrongType()
    {
        IDictionary dictionary = NonGenericIDictionaryFactory();
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => dictionary[23] = CreateTValue(12345)).ParamName);
        Assert.Empty(dictionary);
    }

    [Fact]
    public void IDictionary_NonGeneric_ItemSet_ValueOfWrongType()
    {
        IDictionary dictionary = NonGenericIDictionaryFactory();
        object missingKey = GetNewKey(dictionary);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => dictionary[missingKey] = 324).ParamName);
        Assert.Empty(dictionary);
    }

    [Fact]
    public void IDictionary_NonGeneric_Add_KeyOfWrongType()
    {
        IDictionary dictionary = NonGenericIDictionaryFactory();
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => dictionary.Add(23, CreateTValue(12345))).ParamName);
        Assert.Empty(dictionary);
    }

    [Fact]
    public void IDictionary_NonGeneric_Add_ValueOfWrongType()
    {
        IDictionary dictionary = NonGenericIDictionaryFactory();
        object missingKey = GetNewKey(dictionary);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => dictionary.Add(missingKey, 324)).ParamName);
        Assert.Empty(dictionary);
    }

    [Fact]
    public void IDictionary_NonGeneric_Add_NullValueWhenDefaultTValueIsNonNull()
    {
        var dictionary = (IDictionary)NewDictionary<string, int>();
        object missingKey = GetNewKey(dictionary);
        Assert.Throws<ArgumentNullException>(() => dictionary.Add(missingKey, null));
        Assert.Empty(dictionary);
    }

    [Fact]
    public void IDictionary_NonGeneric_Contains_KeyOfWrongType()
    {
        var dictionary = (IDictionary)NewDictionary<string, int>();
        Assert.False(dictionary.Contains(1));
    }

    [Fact]
    public void Clear_OnEmptyCollection_DoesNotInvalidateEnumerator()
    {
        Assert.True(ModifyEnumeratorAllowed.HasFlag(ModifyOperation.Clear));
        IDictionary dictionary = NonGenericIDictionaryFactory();
        IEnumerator enumerator = dictionary.GetEnumerator();
        dictionary.Clear();
        Assert.Empty(dictionary);
        Assert.False(enumerator.MoveNext());
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_ArrayOfIncorrectKeyValuePairType(int count)
    {
        ICollection collection = NonGenericICollectionFactory(count);
        var array = new KeyValuePair<string, int>[count * 3 / 2];
        Assert.Null(Assert.Throws<ArgumentException>(() => collection.CopyTo(array, 0)).ParamName);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_ArrayOfCorrectKeyValuePairType(int count)
    {
        ICollection collection = NonGenericICollectionFactory(count);
        var array = new KeyValuePair<string, string>[count];
        collection.CopyTo(array, 0);
        AssertCopiedInOrder(collection, array);
    }
}
