// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

namespace MapGuard.Ported.RuntimeCollections;

/// <summary>
/// The <see cref="ICollection{T}"/> conformance cases of dotnet/runtime's
/// src/libraries/Common/tests/System/Collections/ICollection.Generic.Tests.cs (MIT license, .NET Foundation; cases
/// read at commit 0e9e7dcabc3868112cc6123ad0be33a0090da2a1), rewritten for xunit.v3. The cases about "invalid
/// values" are left out: no collection here has any, so they could not fail.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public abstract class CollectionGenericTests<T> : EnumerableGenericTests<T>
{
    /// <summary>An empty collection.</summary>
    protected abstract ICollection<T> GenericICollectionFactory();

    /// <summary>A collection of <paramref name="count"/> distinct elements.</summary>
    protected virtual ICollection<T> GenericICollectionFactory(int count)
    {
        ICollection<T> collection = GenericICollectionFactory();
        AddToCollection(collection, count);
        return collection;
    }

    /// <summary>Gets whether the collection may hold one element twice.</summary>
    protected virtual bool DuplicateValuesAllowed => true;

    /// <summary>Gets whether using a disallowed default element throws (rather than being absent).</summary>
    protected virtual bool DefaultValueWhenNotAllowed_Throws => true;

    /// <summary>Gets whether the collection is read-only.</summary>
    protected virtual bool IsReadOnly => false;

    /// <summary>Gets whether default(T) is a valid element.</summary>
    protected virtual bool DefaultValueAllowed => true;

    /// <summary>Gets the exception <c>CopyTo(array, array.Length + 1)</c> throws.</summary>
    protected virtual Type ICollection_Generic_CopyTo_IndexLargerThanArrayCount_ThrowType => typeof(ArgumentException);

    /// <summary>Adds <paramref name="numberOfItemsToAdd"/> new distinct elements.</summary>
    protected virtual void AddToCollection(ICollection<T> collection, int numberOfItemsToAdd)
    {
        int seed = 9600;
        while (collection.Count < numberOfItemsToAdd)
        {
            T toAdd = CreateT(seed++);
            while (collection.Contains(toAdd))
            {
                toAdd = CreateT(seed++);
            }

            collection.Add(toAdd);
        }
    }

    /// <inheritdoc/>
    protected override IEnumerable<T> GenericIEnumerableFactory(int count) => GenericICollectionFactory(count);

    private T NewItem(ICollection<T> collection, int seed)
    {
        T item = CreateT(seed++);
        while (collection.Contains(item))
        {
            item = CreateT(seed++);
        }

        return item;
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_IsReadOnly_Validity(int count)
    {
        Assert.Equal(IsReadOnly, GenericICollectionFactory(count).IsReadOnly);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Count_Validity(int count)
    {
        Assert.Equal(count, GenericICollectionFactory(count).Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public virtual void ICollection_Generic_Add_DefaultValue(int count)
    {
        if (!DefaultValueAllowed || IsReadOnly)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        collection.Add(default!);
        Assert.Equal(count + 1, collection.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Add_DuplicateValue(int count)
    {
        if (IsReadOnly || !DuplicateValuesAllowed)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        T duplicate = CreateT(700);
        collection.Add(duplicate);
        collection.Add(duplicate);
        Assert.Equal(count + 2, collection.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Add_AfterCallingClear(int count)
    {
        if (IsReadOnly)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        collection.Clear();
        AddToCollection(collection, 5);
        Assert.Equal(5, collection.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Add_AfterRemovingAnyValue(int count)
    {
        if (IsReadOnly)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        List<T> items = [.. collection];
        T toAdd = NewItem(collection, 840);
        collection.Add(toAdd);
        collection.Remove(toAdd);
        toAdd = NewItem(collection, 841);
        collection.Add(toAdd);
        items.Add(toAdd);
        Assert.Equal(items.Count, collection.Count);
        Assert.All(items, item => Assert.Contains(item, collection));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Add_AfterRemovingAllItems(int count)
    {
        if (IsReadOnly)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        for (int i = 0; i < count; i++)
        {
            collection.Remove(collection.ElementAt(0));
        }

        collection.Add(CreateT(254));
        Assert.Single(collection);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Add_ToReadOnlyCollection(int count)
    {
        if (!(IsReadOnly))
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        Assert.Throws<NotSupportedException>(() => collection.Add(CreateT(0)));
        Assert.Equal(count, collection.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Add_AfterRemoving(int count)
    {
        if (IsReadOnly)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        T toAdd = NewItem(collection, 840);
        collection.Add(toAdd);
        Assert.True(collection.Remove(toAdd));
        collection.Add(toAdd);
        Assert.Contains(toAdd, collection);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Clear(int count)
    {
        ICollection<T> collection = GenericICollectionFactory(count);
        if (IsReadOnly)
        {
            Assert.Throws<NotSupportedException>(collection.Clear);
            Assert.Equal(count, collection.Count);
        }
        else
        {
            collection.Clear();
            Assert.Empty(collection);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Clear_Repeatedly(int count)
    {
        ICollection<T> collection = GenericICollectionFactory(count);
        for (int i = 0; i < 3; i++)
        {
            if (IsReadOnly)
            {
                Assert.Throws<NotSupportedException>(collection.Clear);
            }
            else
            {
                collection.Clear();
            }
        }

        Assert.Equal(IsReadOnly ? count : 0, collection.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Contains_ValidValueOnCollectionNotContainingThatValue(int count)
    {
        ICollection<T> collection = GenericICollectionFactory(count);
        Assert.False(collection.Contains(NewItem(collection, 4315)));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Contains_ValidValueOnCollectionContainingThatValue(int count)
    {
        ICollection<T> collection = GenericICollectionFactory(count);
        foreach (T item in collection)
        {
            Assert.True(collection.Contains(item));
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Contains_DefaultValueOnCollectionNotContainingDefaultValue(int count)
    {
        if (!(DefaultValueAllowed))
        {
            return; // not applicable to this collection (as upstream)
        }

        Assert.False(GenericICollectionFactory(count).Contains(default!));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public virtual void ICollection_Generic_Contains_DefaultValueOnCollectionContainingDefaultValue(int count)
    {
        if (!DefaultValueAllowed || IsReadOnly)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        collection.Add(default!);
        Assert.True(collection.Contains(default!));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public virtual void ICollection_Generic_Contains_DefaultValueWhenNotAllowed(int count)
    {
        if (DefaultValueAllowed || IsReadOnly)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        if (DefaultValueWhenNotAllowed_Throws)
        {
            Assert.Throws<ArgumentNullException>(() => collection.Contains(default!));
        }
        else
        {
            Assert.False(collection.Contains(default!));
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_CopyTo_NullArray_ThrowsArgumentNullException(int count)
    {
        ICollection<T> collection = GenericICollectionFactory(count);
        Assert.Throws<ArgumentNullException>(() => collection.CopyTo(null!, 0));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_CopyTo_NegativeIndex_ThrowsArgumentOutOfRangeException(int count)
    {
        ICollection<T> collection = GenericICollectionFactory(count);
        var array = new T[count];
        Assert.Throws<ArgumentOutOfRangeException>(() => collection.CopyTo(array, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => collection.CopyTo(array, int.MinValue));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_CopyTo_IndexEqualToArrayCount_ThrowsArgumentException(int count)
    {
        ICollection<T> collection = GenericICollectionFactory(count);
        var array = new T[count];
        if (count > 0)
        {
            Assert.Throws<ArgumentException>(() => collection.CopyTo(array, count));
        }
        else
        {
            collection.CopyTo(array, count);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_CopyTo_IndexLargerThanArrayCount_ThrowsAnyArgumentException(int count)
    {
        ICollection<T> collection = GenericICollectionFactory(count);
        var array = new T[count];
        Assert.Throws(ICollection_Generic_CopyTo_IndexLargerThanArrayCount_ThrowType, () => collection.CopyTo(array, count + 1));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_CopyTo_NotEnoughSpaceInOffsettedArray_ThrowsArgumentException(int count)
    {
        if (count == 0)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        var array = new T[count];
        Assert.Throws<ArgumentException>(() => collection.CopyTo(array, 1));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_CopyTo_ExactlyEnoughSpaceInArray(int count)
    {
        ICollection<T> collection = GenericICollectionFactory(count);
        var array = new T[count];
        collection.CopyTo(array, 0);
        Assert.Equal(collection, array);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_CopyTo_ArrayIsLargerThanCollection(int count)
    {
        ICollection<T> collection = GenericICollectionFactory(count);
        var array = new T[count * 3 / 2];
        collection.CopyTo(array, 0);
        Assert.Equal(collection, array.Take(count));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Remove_OnReadOnlyCollection_ThrowsNotSupportedException(int count)
    {
        if (!(IsReadOnly))
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        Assert.Throws<NotSupportedException>(() => collection.Remove(CreateT(34543)));
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Remove_DefaultValueNotContainedInCollection(int count)
    {
        if (IsReadOnly || !DefaultValueAllowed)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        while (collection.Contains(default!))
        {
            collection.Remove(default!);
            count--;
        }

        Assert.False(collection.Remove(default!));
        Assert.Equal(count, collection.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Remove_NonDefaultValueNotContainedInCollection(int count)
    {
        if (IsReadOnly)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        Assert.False(collection.Remove(NewItem(collection, count * 251)));
        Assert.Equal(count, collection.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public virtual void ICollection_Generic_Remove_DefaultValueContainedInCollection(int count)
    {
        if (IsReadOnly || !DefaultValueAllowed)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        if (!collection.Contains(default!))
        {
            collection.Add(default!);
            count++;
        }

        Assert.True(collection.Remove(default!));
        Assert.Equal(count - 1, collection.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Remove_NonDefaultValueContainedInCollection(int count)
    {
        if (IsReadOnly)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        T value = CreateT(count * 251);
        if (!collection.Contains(value))
        {
            collection.Add(value);
            count++;
        }

        Assert.True(collection.Remove(value));
        Assert.Equal(count - 1, collection.Count);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Remove_EveryValue(int count)
    {
        if (IsReadOnly)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        Assert.All(collection.ToList(), value => Assert.True(collection.Remove(value)));
        Assert.Empty(collection);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void ICollection_Generic_Remove_DefaultValueWhenNotAllowed(int count)
    {
        if (DefaultValueAllowed || IsReadOnly)
        {
            return; // not applicable to this collection (as upstream)
        }

        ICollection<T> collection = GenericICollectionFactory(count);
        if (DefaultValueWhenNotAllowed_Throws)
        {
            Assert.Throws<ArgumentNullException>(() => collection.Remove(default!));
        }
        else
        {
            Assert.False(collection.Remove(default!));
        }
    }
}
