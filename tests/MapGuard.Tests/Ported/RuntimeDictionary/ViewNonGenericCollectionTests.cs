// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

using System.Collections;
using MapGuard.Ported.RuntimeCollections;

namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>
/// The non-generic <see cref="ICollection"/> suites over a string dictionary's <c>Keys</c> or <c>Values</c> view
/// (upstream's <c>Dictionary_Generic_Tests_Keys_AsICollection</c> and <c>Dictionary_Generic_Tests_Values_AsICollection</c>),
/// as in dotnet/runtime's src/libraries/System.Collections/tests/Generic/Dictionary/Dictionary.Generic.Tests.Keys.cs
/// (commit 3b55b3118fb255010075beb84d511cf5ce5dc48f) and Dictionary.Generic.Tests.Values.cs (commit
/// 8ee5447bbb344a1eab9c27f6f47eefe75f0e03ce), MIT license, .NET Foundation; rewritten for xunit.v3. The views are
/// read-only, so the factory fills the parent and nothing is changed through a view.
/// </summary>
public abstract class ViewNonGenericCollectionTests : CollectionNonGenericTests
{
    /// <summary>The view under test of <paramref name="dictionary"/>.</summary>
    protected abstract ICollection ViewOf(IDictionary<string, string> dictionary);

    /// <inheritdoc/>
    protected override bool Enumerator_Current_UndefinedOperation_Throws => true;

    /// <summary>Gets true: an empty Dictionary's views hand out one shared empty enumerator through the non-generic
    /// interface too (upstream's AsICollection classes, read at the commits above, predate that and keep the default).</summary>
    protected override bool Enumerator_Empty_UsesSingletonInstance => true;

    /// <inheritdoc/>
    protected override Type ICollection_NonGeneric_CopyTo_ArrayOfEnumType_ThrowType => typeof(ArgumentException);

    /// <inheritdoc/>
    protected override Type ICollection_NonGeneric_CopyTo_IndexLargerThanArrayCount_ThrowType => typeof(ArgumentOutOfRangeException);

    /// <inheritdoc/>
    protected override ICollection NonGenericICollectionFactory() => ViewOf(NewDictionary<string, string>());

    /// <inheritdoc/>
    protected override ICollection NonGenericICollectionFactory(int count)
    {
        IDictionary<string, string> dictionary = NewDictionary<string, string>();
        int seed = 13453;
        while (dictionary.Count < count)
        {
            dictionary.TryAdd(CreateT(seed++), CreateT(seed++));
        }

        return ViewOf(dictionary);
    }

    /// <inheritdoc/>
    protected override void AddToCollection(ICollection collection, int numberOfItemsToAdd) =>
        throw new NotSupportedException("A view is read-only; the factory fills its parent.");

    /// <summary>Keys and values: base64 of 5 to 14 random bytes, from the seed.</summary>
    protected static string CreateT(int seed)
    {
        byte[] bytes = new byte[(seed % 10) + 5];
        new Random(seed).NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Upstream's <c>..._CopyTo_ExactlyEnoughSpaceInTypeCorrectArray</c>: CopyTo a string[] of the view's size.</summary>
    protected void CopyToTypeCorrectArray(int count)
    {
        ICollection collection = NonGenericICollectionFactory(count);
        string[] array = new string[count];
        collection.CopyTo(array, 0);
        AssertCopiedInOrder(collection, array);
    }
}
