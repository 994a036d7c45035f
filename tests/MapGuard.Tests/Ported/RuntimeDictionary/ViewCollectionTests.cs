// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

using MapGuard.Ported.RuntimeCollections;

namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>
/// The <see cref="ICollection{T}"/> suites over a string dictionary's <c>Keys</c> or <c>Values</c> view, as in
/// dotnet/runtime's src/libraries/System.Collections/tests/Generic/Dictionary/Dictionary.Generic.Tests.Keys.cs (commit
/// 3b55b3118fb255010075beb84d511cf5ce5dc48f) and Dictionary.Generic.Tests.Values.cs (commit
/// 8ee5447bbb344a1eab9c27f6f47eefe75f0e03ce), MIT license, .NET Foundation; rewritten for xunit.v3. The views are
/// read-only, so no change is made through them (a change of the parent is covered by the dictionary suites).
/// </summary>
public abstract class ViewCollectionTests : CollectionGenericTests<string>
{
    /// <summary>The view under test of <paramref name="dictionary"/>.</summary>
    protected abstract ICollection<string> ViewOf(IDictionary<string, string> dictionary);

    /// <inheritdoc/>
    protected override bool IsReadOnly => true;

    /// <inheritdoc/>
    protected override bool Enumerator_Empty_UsesSingletonInstance => true;

    /// <inheritdoc/>
    protected override Type ICollection_Generic_CopyTo_IndexLargerThanArrayCount_ThrowType => typeof(ArgumentOutOfRangeException);

    /// <inheritdoc/>
    protected override IEnumerable<ModifyEnumerable> GetModifyEnumerables(ModifyOperation operations) => [];

    /// <inheritdoc/>
    protected override ICollection<string> GenericICollectionFactory() => ViewOf(NewDictionary<string, string>());

    /// <inheritdoc/>
    protected override ICollection<string> GenericICollectionFactory(int count)
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
    protected override string CreateT(int seed)
    {
        byte[] bytes = new byte[(seed % 10) + 5];
        new Random(seed).NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Dictionary_Generic_ViewCollection_GetEnumerator(int count)
    {
        using IEnumerator<string> enumerator = GenericICollectionFactory(count).GetEnumerator();
        Assert.Equal(count > 0, enumerator.MoveNext());
    }
}
