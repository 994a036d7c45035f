// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

using System.Collections;

namespace MapGuard.Ported.RuntimeCollections;

/// <summary>
/// The non-generic <see cref="IEnumerable"/> conformance cases of dotnet/runtime's
/// src/libraries/Common/tests/System/Collections/IEnumerable.NonGeneric.Tests.cs (commit
/// 3b88b0899d90403269973de294ce9f6040d43481) and TestBase.NonGeneric.cs (commit
/// 1601226cdf2df9859ba0821873c28b43b6ff1ea0), MIT license, .NET Foundation; rewritten for xunit.v3. Reset is
/// implemented by every enumerator here, so the branches for enumerators whose Reset throws are left out.
/// </summary>
public abstract class EnumerableNonGenericTests : TestBase
{
    /// <summary>A change to an enumerable; returns false if it had nothing to change.</summary>
    protected delegate bool ModifyEnumerable(IEnumerable enumerable);

    /// <summary>An enumerable of <paramref name="count"/> distinct elements.</summary>
    protected abstract IEnumerable NonGenericIEnumerableFactory(int count);

    /// <summary>The changes of the kinds in <paramref name="operations"/> that this collection supports.</summary>
    protected abstract IEnumerable<ModifyEnumerable> GetModifyEnumerables(ModifyOperation operations);

    /// <summary>Gets the changes after which an open enumerator must throw.</summary>
    protected virtual ModifyOperation ModifyEnumeratorThrows =>
        ModifyOperation.Add | ModifyOperation.Insert | ModifyOperation.Overwrite | ModifyOperation.Remove | ModifyOperation.Clear;

    /// <summary>Gets the changes after which an open enumerator may go on.</summary>
    protected virtual ModifyOperation ModifyEnumeratorAllowed => ModifyOperation.None;

    /// <summary>Gets whether Current throws where it is undefined (before the start, past the end, after a change).</summary>
    protected virtual bool Enumerator_Current_UndefinedOperation_Throws => false;

    /// <summary>Gets whether MoveNext and Reset throw after a change of a kind in <see cref="ModifyEnumeratorThrows"/>.</summary>
    protected virtual bool Enumerator_ModifiedDuringEnumeration_ThrowsInvalidOperationException => true;

    /// <summary>Gets whether they also throw when the collection was empty (a shared empty enumerator does not).</summary>
    protected virtual bool Enumerator_Empty_ModifiedDuringEnumeration_ThrowsInvalidOperationException =>
        Enumerator_ModifiedDuringEnumeration_ThrowsInvalidOperationException;

    /// <summary>Gets whether an empty collection hands out one shared enumerator.</summary>
    protected virtual bool Enumerator_Empty_UsesSingletonInstance => false;

    /// <summary>Whether MoveNext and Reset must throw after a change to a collection of <paramref name="count"/>.</summary>
    private bool ChangeInvalidates(int count) =>
        count == 0 ? Enumerator_Empty_ModifiedDuringEnumeration_ThrowsInvalidOperationException : Enumerator_ModifiedDuringEnumeration_ThrowsInvalidOperationException;

    /// <summary>Runs <paramref name="call"/>; it must throw <see cref="InvalidOperationException"/> when
    /// <paramref name="mustThrow"/>.</summary>
    private static void ThrowsWhen(bool mustThrow, Action call)
    {
        if (mustThrow)
        {
            Assert.Throws<InvalidOperationException>(call);
        }
        else
        {
            call();
        }
    }

    /// <summary>Reads Current where it is undefined: it must throw if <see cref="Enumerator_Current_UndefinedOperation_Throws"/>.</summary>
    protected void ReadUndefinedCurrent(IEnumerator enumerator) =>
        ThrowsWhen(Enumerator_Current_UndefinedOperation_Throws, () => _ = enumerator.Current);

    /// <summary>Opens an enumerator on a fresh collection, moves it <paramref name="moves"/> times (-1: to the end),
    /// applies each change of <see cref="ModifyEnumeratorThrows"/>, then runs <paramref name="check"/>.</summary>
    private void AfterEachChange(int count, int moves, Action<IEnumerator> check)
    {
        Assert.All(GetModifyEnumerables(ModifyEnumeratorThrows), modify =>
        {
            IEnumerable enumerable = NonGenericIEnumerableFactory(count);
            IEnumerator enumerator = enumerable.GetEnumerator();
            if (moves < 0)
            {
                while (enumerator.MoveNext())
                {
                }
            }
            else
            {
                for (int i = 0; i < moves; i++)
                {
                    enumerator.MoveNext();
                }
            }

            if (modify(enumerable))
            {
                check(enumerator);
            }
        });
    }

    [Fact]
    public void IEnumerable_NonGeneric_GetEnumerator_EmptyCollection_UsesSingleton()
    {
        IEnumerable enumerable = NonGenericIEnumerableFactory(0);
        IEnumerator first = enumerable.GetEnumerator();
        IEnumerator second = enumerable.GetEnumerator();
        try
        {
            Assert.Equal(Enumerator_Empty_UsesSingletonInstance, ReferenceEquals(first, second));
        }
        finally
        {
            (first as IDisposable)?.Dispose();
            (second as IDisposable)?.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_GetEnumerator_NoExceptionsWhileGetting(int count)
    {
        Assert.NotNull(NonGenericIEnumerableFactory(count).GetEnumerator());
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_GetEnumerator_ReturnsUniqueEnumerator(int count)
    {
        IEnumerable enumerable = NonGenericIEnumerableFactory(count);
        int visits = 0;
        foreach (object? outer in enumerable)
        {
            foreach (object? middle in enumerable)
            {
                foreach (object? inner in enumerable)
                {
                    visits++;
                }
            }
        }

        Assert.Equal(count * count * count, visits);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_MoveNext_FromStartToFinish(int count)
    {
        IEnumerator enumerator = NonGenericIEnumerableFactory(count).GetEnumerator();
        int moves = 0;
        while (enumerator.MoveNext())
        {
            moves++;
        }

        Assert.Equal(count, moves);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_MoveNext_AfterEndOfCollection(int count)
    {
        IEnumerator enumerator = NonGenericIEnumerableFactory(count).GetEnumerator();
        for (int i = 0; i < count; i++)
        {
            enumerator.MoveNext();
        }

        Assert.False(enumerator.MoveNext());
        Assert.False(enumerator.MoveNext());
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_MoveNext_ModifiedBeforeEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, 0, e => ThrowsWhen(ChangeInvalidates(count), () => e.MoveNext()));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_MoveNext_ModifiedDuringEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, count / 2, e => ThrowsWhen(ChangeInvalidates(count), () => e.MoveNext()));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_MoveNext_ModifiedAfterEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, -1, e => ThrowsWhen(ChangeInvalidates(count), () => e.MoveNext()));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_Current_FromStartToFinish(int count)
    {
        IEnumerator enumerator = NonGenericIEnumerableFactory(count).GetEnumerator();
        int moves = 0;
        while (enumerator.MoveNext())
        {
            _ = enumerator.Current;
            moves++;
        }

        Assert.Equal(count, moves);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_Current_ReturnsSameValueOnRepeatedCalls(int count)
    {
        IEnumerator enumerator = NonGenericIEnumerableFactory(count).GetEnumerator();
        while (enumerator.MoveNext())
        {
            object? current = enumerator.Current;
            Assert.Equal(current, enumerator.Current);
            Assert.Equal(current, enumerator.Current);
            Assert.Equal(current, enumerator.Current);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_Current_ReturnsSameObjectsOnDifferentEnumerators(int count)
    {
        IEnumerable enumerable = NonGenericIEnumerableFactory(count);
        Dictionary<object, int> first = CountEach(enumerable);
        Dictionary<object, int> second = CountEach(enumerable);
        Assert.Equal(first.Count, second.Count);
        foreach (KeyValuePair<object, int> item in first)
        {
            Assert.Equal(item.Value, second[item.Key]);
        }
    }

    /// <summary>How often each element occurs in one enumeration of <paramref name="enumerable"/>.</summary>
    private static Dictionary<object, int> CountEach(IEnumerable enumerable)
    {
        var counts = new Dictionary<object, int>();
        foreach (object? item in enumerable)
        {
            Assert.NotNull(item); // no collection here enumerates a null element
            counts[item] = counts.GetValueOrDefault(item) + 1;
        }

        return counts;
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Enumerator_Current_BeforeFirstMoveNext_UndefinedBehavior(int count)
    {
        ReadUndefinedCurrent(NonGenericIEnumerableFactory(count).GetEnumerator());
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Enumerator_Current_AfterEndOfEnumerable_UndefinedBehavior(int count)
    {
        IEnumerator enumerator = NonGenericIEnumerableFactory(count).GetEnumerator();
        while (enumerator.MoveNext())
        {
        }

        ReadUndefinedCurrent(enumerator);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Enumerator_Current_ModifiedDuringEnumeration_UndefinedBehavior(int count) =>
        AfterEachChange(count, 0, ReadUndefinedCurrent);

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_Reset_BeforeIteration_Support(int count)
    {
        NonGenericIEnumerableFactory(count).GetEnumerator().Reset();
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_Reset_ModifiedBeforeEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, 0, e => ThrowsWhen(ChangeInvalidates(count), e.Reset));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_Reset_ModifiedDuringEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, count / 2, e => ThrowsWhen(ChangeInvalidates(count), e.Reset));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_NonGeneric_Enumerator_Reset_ModifiedAfterEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, -1, e => ThrowsWhen(ChangeInvalidates(count), e.Reset));
}
