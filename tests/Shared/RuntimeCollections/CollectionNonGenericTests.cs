// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

using System.Collections;
using System.Text;

namespace MapGuard.Ported.RuntimeCollections;

/// <summary>
/// The non-generic <see cref="ICollection"/> conformance cases of dotnet/runtime's
/// src/libraries/Common/tests/System/Collections/ICollection.NonGeneric.Tests.cs (MIT license, .NET Foundation; cases
/// read at commit 06b5c361be67d6360c2b42aa00445d406434c428), rewritten for xunit.v3. Every collection here has a
/// SyncRoot of its own that is not null, and non-zero lower bounds are supported on every runtime this project
/// targets, so the branches for other collections and runtimes are left out.
/// </summary>
public abstract class CollectionNonGenericTests : EnumerableNonGenericTests
{
    /// <summary>Five values (upstream's <c>TestBase.EnumerableType</c>): an array of them is the wrong element type.</summary>
    protected enum EnumerableType
    {
        /// <summary>The first value.</summary>
        HashSet,

        /// <summary>The second value.</summary>
        SortedSet,

        /// <summary>The third value.</summary>
        List,

        /// <summary>The fourth value.</summary>
        Queue,

        /// <summary>The fifth value.</summary>
        Lazy,
    }

    /// <summary>An empty collection.</summary>
    protected abstract ICollection NonGenericICollectionFactory();

    /// <summary>A collection of <paramref name="count"/> distinct elements.</summary>
    protected virtual ICollection NonGenericICollectionFactory(int count)
    {
        ICollection collection = NonGenericICollectionFactory();
        AddToCollection(collection, count);
        return collection;
    }

    /// <summary>Adds <paramref name="numberOfItemsToAdd"/> new distinct elements.</summary>
    protected abstract void AddToCollection(ICollection collection, int numberOfItemsToAdd);

    /// <summary>Gets whether <see cref="ICollection.SyncRoot"/> is supported (ConcurrentDictionary's throws
    /// <see cref="NotSupportedException"/>).</summary>
    protected virtual bool ICollection_NonGeneric_SupportsSyncRoot => true;

    /// <summary>Gets the expected <see cref="ICollection.IsSynchronized"/>.</summary>
    protected virtual bool ExpectedIsSynchronized => false;

    /// <summary>Gets the exception <c>CopyTo</c> into an array of an enum type throws.</summary>
    protected virtual Type ICollection_NonGeneric_CopyTo_ArrayOfEnumType_ThrowType => typeof(InvalidCastException);

    /// <summary>Gets the exception <c>CopyTo</c> into an array of an unrelated reference type throws.</summary>
    protected virtual Type ICollection_NonGeneric_CopyTo_ArrayOfIncorrectReferenceType_ThrowType => typeof(ArgumentException);

    /// <summary>Gets the exception <c>CopyTo</c> into an array of an unrelated value type throws.</summary>
    protected virtual Type ICollection_NonGeneric_CopyTo_ArrayOfIncorrectValueType_ThrowType => typeof(ArgumentException);

    /// <summary>Gets the exception <c>CopyTo</c> into an array with a non-zero lower bound throws.</summary>
    protected virtual Type ICollection_NonGeneric_CopyTo_NonZeroLowerBound_ThrowType => typeof(ArgumentException);

    /// <summary>Gets the exception <c>CopyTo(array, array.Length + 1)</c> throws.</summary>
    protected virtual Type ICollection_NonGeneric_CopyTo_IndexLargerThanArrayCount_ThrowType => typeof(ArgumentException);

    /// <summary>Gets the exception <c>CopyTo</c> into a two-dimensional array throws.</summary>
    protected virtual Type ICollection_NonGeneric_CopyTo_TwoDimensionArray_ThrowType => typeof(ArgumentException);

    /// <inheritdoc/>
    protected override IEnumerable<ModifyEnumerable> GetModifyEnumerables(ModifyOperation operations) => [];

    /// <inheritdoc/>
    protected override IEnumerable NonGenericIEnumerableFactory(int count) => NonGenericICollectionFactory(count);

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_Count_Validity(int count)
    {
        Assert.Equal(count, NonGenericICollectionFactory(count).Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_IsSynchronized(int count)
    {
        Assert.Equal(ExpectedIsSynchronized, NonGenericICollectionFactory(count).IsSynchronized);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_SyncRoot(int count)
    {
        ICollection collection = NonGenericICollectionFactory(count);
        if (ICollection_NonGeneric_SupportsSyncRoot)
        {
            Assert.NotNull(collection.SyncRoot);
            Assert.Same(collection.SyncRoot, collection.SyncRoot);
        }
        else
        {
            Assert.Throws<NotSupportedException>(() => collection.SyncRoot);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_SyncRootUnique(int count)
    {
        if (!ICollection_NonGeneric_SupportsSyncRoot)
        {
            return; // as upstream
        }

        ICollection first = NonGenericICollectionFactory(count);
        ICollection second = NonGenericICollectionFactory(count);
        Assert.NotSame(first.SyncRoot, second.SyncRoot);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_NullArray_ThrowsArgumentNullException(int count)
    {
        ICollection collection = NonGenericICollectionFactory(count);
        Assert.Throws<ArgumentNullException>(() => collection.CopyTo(null!, 0));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_TwoDimensionArray_ThrowsException(int count)
    {
        if (count == 0)
        {
            return; // as upstream
        }

        ICollection collection = NonGenericICollectionFactory(count);
        Array array = new object[count, count];
        Assert.Equal(2, array.Rank);
        Assert.Throws(ICollection_NonGeneric_CopyTo_TwoDimensionArray_ThrowType, () => collection.CopyTo(array, 0));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_NonZeroLowerBound(int count)
    {
        ICollection collection = NonGenericICollectionFactory(count);
        var array = Array.CreateInstance(typeof(object), [count], [2]);
        Assert.Equal(1, array.Rank);
        Assert.Equal(2, array.GetLowerBound(0));
        Assert.Throws(ICollection_NonGeneric_CopyTo_NonZeroLowerBound_ThrowType, () => collection.CopyTo(array, 0));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_ArrayOfIncorrectValueType(int count)
    {
        if (count == 0)
        {
            return; // as upstream
        }

        ICollection collection = NonGenericICollectionFactory(count);
        float[] array = new float[count * 3 / 2];
        Assert.Throws(ICollection_NonGeneric_CopyTo_ArrayOfIncorrectValueType_ThrowType, () => collection.CopyTo(array, 0));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_ArrayOfIncorrectReferenceType(int count)
    {
        if (count == 0)
        {
            return; // as upstream
        }

        ICollection collection = NonGenericICollectionFactory(count);
        var array = new StringBuilder[count * 3 / 2];
        Assert.Throws(ICollection_NonGeneric_CopyTo_ArrayOfIncorrectReferenceType_ThrowType, () => collection.CopyTo(array, 0));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_ArrayOfEnumType(int count)
    {
        Array array = Enum.GetValues<EnumerableType>();
        if (count == 0 || count >= array.Length)
        {
            return; // as upstream: only a collection smaller than the array (here, of 1)
        }

        ICollection collection = NonGenericICollectionFactory(count);
        Assert.Throws(ICollection_NonGeneric_CopyTo_ArrayOfEnumType_ThrowType, () => collection.CopyTo(array, 0));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_NegativeIndex_ThrowsArgumentOutOfRangeException(int count)
    {
        ICollection collection = NonGenericICollectionFactory(count);
        object[] array = new object[count];
        Assert.Throws<ArgumentOutOfRangeException>(() => collection.CopyTo(array, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => collection.CopyTo(array, int.MinValue));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_IndexEqualToArrayCount_ThrowsArgumentException(int count)
    {
        ICollection collection = NonGenericICollectionFactory(count);
        object[] array = new object[count];
        if (count > 0)
        {
            Assert.Throws<ArgumentException>(() => collection.CopyTo(array, count));
        }
        else
        {
            collection.CopyTo(array, count); // nothing to copy into an empty array
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_IndexLargerThanArrayCount_ThrowsAnyArgumentException(int count)
    {
        ICollection collection = NonGenericICollectionFactory(count);
        object[] array = new object[count];
        Assert.Throws(ICollection_NonGeneric_CopyTo_IndexLargerThanArrayCount_ThrowType, () => collection.CopyTo(array, count + 1));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_NotEnoughSpaceInOffsettedArray_ThrowsArgumentException(int count)
    {
        if (count == 0)
        {
            return; // as upstream: the array must hold at least one element
        }

        ICollection collection = NonGenericICollectionFactory(count);
        object[] array = new object[count];
        Assert.Throws<ArgumentException>(() => collection.CopyTo(array, 1));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_ExactlyEnoughSpaceInArray(int count)
    {
        ICollection collection = NonGenericICollectionFactory(count);
        object[] array = new object[count];
        collection.CopyTo(array, 0);
        AssertCopiedInOrder(collection, array);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_NonGeneric_CopyTo_ArrayIsLargerThanCollection(int count)
    {
        ICollection collection = NonGenericICollectionFactory(count);
        object[] array = new object[count * 3 / 2];
        collection.CopyTo(array, 0);
        AssertCopiedInOrder(collection, array);
    }

    /// <summary>Asserts that <paramref name="array"/> starts with the elements of <paramref name="collection"/> in
    /// enumeration order.</summary>
    protected static void AssertCopiedInOrder(ICollection collection, Array array)
    {
        int i = 0;
        foreach (object? item in collection)
        {
            Assert.Equal(array.GetValue(i++), item);
        }

        Assert.Equal(collection.Count, i);
    }
}
