// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

namespace MapGuard.Ported.RuntimeCollections;

/// <summary>
/// The <see cref="IEnumerable{T}"/> conformance cases of dotnet/runtime's
/// src/libraries/Common/tests/System/Collections/IEnumerable.Generic.Tests.cs and TestBase.Generic.cs (MIT license,
/// .NET Foundation; cases read at commit 0d2a9bb2b35ae5a1042a39f1138acbea0cbd9e9d), rewritten for xunit.v3 and for
/// the collections here, whose enumeration order is fixed between two enumerations.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public abstract class EnumerableGenericTests<T> : TestBase
{
    /// <summary>A change to an enumerable; returns false if it had nothing to change.</summary>
    protected delegate bool ModifyEnumerable(IEnumerable<T> enumerable);

    /// <summary>An element that depends only on <paramref name="seed"/>.</summary>
    protected abstract T CreateT(int seed);

    /// <summary>An enumerable of <paramref name="count"/> distinct elements.</summary>
    protected abstract IEnumerable<T> GenericIEnumerableFactory(int count);

    /// <summary>The changes of the kinds in <paramref name="operations"/> that this collection supports.</summary>
    protected abstract IEnumerable<ModifyEnumerable> GetModifyEnumerables(ModifyOperation operations);

    /// <summary>Gets the changes after which an open enumerator must throw.</summary>
    protected virtual ModifyOperation ModifyEnumeratorThrows =>
        ModifyOperation.Add | ModifyOperation.Insert | ModifyOperation.Overwrite | ModifyOperation.Remove | ModifyOperation.Clear;

    /// <summary>Gets the changes after which an open enumerator may go on.</summary>
    protected virtual ModifyOperation ModifyEnumeratorAllowed => ModifyOperation.None;

    /// <summary>Whether two enumerations of an unchanged collection yield its items in the same order.</summary>
    protected enum EnumerableOrder
    {
        /// <summary>In any order (ConcurrentDictionary's: upstream checks that each item comes once).</summary>
        Unspecified,

        /// <summary>In the same order every time (Dictionary's).</summary>
        Sequential,
    }

    /// <summary>Gets the order the checks of enumerated items expect.</summary>
    protected virtual EnumerableOrder Order => EnumerableOrder.Sequential;

    /// <summary>Gets whether an empty collection hands out one shared empty enumerator (Dictionary and its views do,
    /// through the interface): its Current throws, and no change to the collection invalidates it.</summary>
    protected virtual bool Enumerator_Empty_UsesSingletonInstance => false;

    /// <summary>Whether the enumerator of a collection of <paramref name="count"/> is the shared empty one.</summary>
    private bool IsSharedEmpty(int count) => count == 0 && Enumerator_Empty_UsesSingletonInstance;

    /// <summary>After a change of a kind that invalidates: <paramref name="call"/> throws, unless the enumerator is the
    /// shared empty one, which ignores changes.</summary>
    private void InvalidatedUnlessSharedEmpty(int count, Action call)
    {
        if (IsSharedEmpty(count))
        {
            call();
        }
        else
        {
            Assert.Throws<InvalidOperationException>(call);
        }
    }

    /// <summary>Current where it is undefined: any value, except that the shared empty enumerator throws.</summary>
    private void ReadUndefinedCurrent(int count, IEnumerator<T> enumerator)
    {
        if (IsSharedEmpty(count))
        {
            Assert.Throws<InvalidOperationException>(() => enumerator.Current);
        }
        else
        {
            _ = enumerator.Current;
        }
    }

    private void RepeatTest(Action<IEnumerator<T>, T[], int> testCode, int iterations = 3)
    {
        IEnumerable<T> enumerable = GenericIEnumerableFactory(32);
        T[] items = enumerable.ToArray();
        IEnumerator<T> enumerator = enumerable.GetEnumerator();
        for (int i = 0; i < iterations; i++)
        {
            testCode(enumerator, items, i);
            enumerator.Reset();
        }
    }

    /// <summary>Enumerates <paramref name="count"/> items and checks them against <paramref name="expected"/>: in
    /// order, or for <see cref="EnumerableOrder.Unspecified"/> each one an expected item not seen before; Current before
    /// the start and after the end must not throw (it is undefined for these enumerators).</summary>
    private void VerifyEnumerator(IEnumerator<T> enumerator, T[] expected, int count, bool validateStart, bool validateEnd)
    {
        if (validateStart)
        {
            _ = enumerator.Current;
        }

        List<T> unvisited = [.. expected];
        int seen = 0;
        while (seen < count && enumerator.MoveNext())
        {
            T current = enumerator.Current;
            if (Order == EnumerableOrder.Sequential)
            {
                Assert.Equal(expected[seen], current);
            }
            else
            {
                int found = unvisited.FindIndex(item => EqualityComparer<T>.Default.Equals(item, current));
                Assert.True(found >= 0, "itemFound");
                unvisited.RemoveAt(found);
            }

            Assert.Equal(current, enumerator.Current);
            seen++;
        }

        Assert.Equal(count, seen);
        if (validateEnd)
        {
            for (int i = 0; i < 3; i++)
            {
                Assert.False(enumerator.MoveNext(), "MoveNext returned true past the end.");
                _ = enumerator.Current;
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_GetEnumerator_NoExceptionsWhileGetting(int count)
    {
        GenericIEnumerableFactory(count).GetEnumerator().Dispose();
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_GetEnumerator_ReturnsUniqueEnumerator(int count)
    {
        IEnumerable<T> enumerable = GenericIEnumerableFactory(count);
        int visits = 0;
        foreach (T outer in enumerable)
        {
            foreach (T middle in enumerable)
            {
                foreach (T inner in enumerable)
                {
                    visits++;
                }
            }
        }

        Assert.Equal(count * count * count, visits);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_MoveNext_FromStartToFinish(int count)
    {
        using IEnumerator<T> enumerator = GenericIEnumerableFactory(count).GetEnumerator();
        int moves = 0;
        while (enumerator.MoveNext())
        {
            moves++;
        }

        Assert.Equal(count, moves);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void Enumerator_MoveNext_AfterDisposal(int count)
    {
        IEnumerator<T> enumerator = GenericIEnumerableFactory(count).GetEnumerator();
        for (int i = 0; i < count; i++)
        {
            enumerator.MoveNext();
        }

        enumerator.Dispose();
        Assert.False(enumerator.MoveNext());
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_MoveNext_AfterEndOfCollection(int count)
    {
        using IEnumerator<T> enumerator = GenericIEnumerableFactory(count).GetEnumerator();
        for (int i = 0; i < count; i++)
        {
            enumerator.MoveNext();
        }

        Assert.False(enumerator.MoveNext());
        Assert.False(enumerator.MoveNext());
    }

    /// <summary>Opens an enumerator, moves it <paramref name="moves"/> times (-1: to the end), applies each change of
    /// <paramref name="operations"/> to a fresh collection, then runs <paramref name="check"/>.</summary>
    private void AfterEachChange(int count, ModifyOperation operations, int moves, Action<IEnumerator<T>> check)
    {
        Assert.All(GetModifyEnumerables(operations), modify =>
        {
            IEnumerable<T> enumerable = GenericIEnumerableFactory(count);
            using IEnumerator<T> enumerator = enumerable.GetEnumerator();
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

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_MoveNext_ModifiedBeforeEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, ModifyEnumeratorThrows, 0, e => InvalidatedUnlessSharedEmpty(count, () => e.MoveNext()));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_MoveNext_ModifiedBeforeEnumeration_Succeeds(int count) =>
        AfterEachChange(count, ModifyEnumeratorAllowed, 0, e => e.MoveNext());

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_MoveNext_ModifiedDuringEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, ModifyEnumeratorThrows, count / 2, e => InvalidatedUnlessSharedEmpty(count, () => e.MoveNext()));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_MoveNext_ModifiedDuringEnumeration_Succeeds(int count) =>
        AfterEachChange(count, ModifyEnumeratorAllowed, count / 2, e => e.MoveNext());

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_MoveNext_ModifiedAfterEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, ModifyEnumeratorThrows, -1, e => InvalidatedUnlessSharedEmpty(count, () => e.MoveNext()));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_MoveNext_ModifiedAfterEnumeration_Succeeds(int count) =>
        AfterEachChange(count, ModifyEnumeratorAllowed, -1, e => e.MoveNext());

    [Fact]
    public void IEnumerable_Generic_Enumerator_MoveNextHitsAllItems()
    {
        RepeatTest((enumerator, items, _) =>
        {
            int moves = 0;
            while (enumerator.MoveNext())
            {
                moves++;
            }

            Assert.Equal(items.Length, moves);
        });
    }

    [Fact]
    public void IEnumerable_Generic_Enumerator_MoveNextFalseAfterEndOfCollection()
    {
        RepeatTest((enumerator, _, _) =>
        {
            while (enumerator.MoveNext())
            {
            }

            Assert.False(enumerator.MoveNext());
        });
    }

    [Fact]
    public void IEnumerable_Generic_Enumerator_Current()
    {
        RepeatTest((enumerator, items, iteration) =>
        {
            if (iteration == 1)
            {
                VerifyEnumerator(enumerator, items, items.Length / 2, validateStart: true, validateEnd: false);
            }
            else
            {
                VerifyEnumerator(enumerator, items, items.Length, validateStart: true, validateEnd: true);
            }
        });
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Current_ReturnsSameValueOnRepeatedCalls(int count)
    {
        using IEnumerator<T> enumerator = GenericIEnumerableFactory(count).GetEnumerator();
        while (enumerator.MoveNext())
        {
            T current = enumerator.Current;
            Assert.Equal(current, enumerator.Current);
            Assert.Equal(current, enumerator.Current);
            Assert.Equal(current, enumerator.Current);
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Current_ReturnsSameObjectsOnDifferentEnumerators(int count)
    {
        IEnumerable<T> enumerable = GenericIEnumerableFactory(count);
        T[] first = enumerable.ToArray();
        T[] second = enumerable.ToArray();
        if (Order == EnumerableOrder.Sequential)
        {
            Assert.Equal(first, second);
        }
        else
        {
            // As upstream: each item occurs as often in the second enumeration as in the first.
            Assert.Equal(first.Length, second.Length);
            foreach (T item in first)
            {
                Assert.Equal(first.Count(x => EqualityComparer<T>.Default.Equals(x, item)), second.Count(x => EqualityComparer<T>.Default.Equals(x, item)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Current_BeforeFirstMoveNext_UndefinedBehavior(int count)
    {
        using IEnumerator<T> enumerator = GenericIEnumerableFactory(count).GetEnumerator();
        ReadUndefinedCurrent(count, enumerator);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Current_AfterEndOfEnumerable_UndefinedBehavior(int count)
    {
        using IEnumerator<T> enumerator = GenericIEnumerableFactory(count).GetEnumerator();
        while (enumerator.MoveNext())
        {
        }

        ReadUndefinedCurrent(count, enumerator);
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Current_ModifiedDuringEnumeration_UndefinedBehavior(int count) =>
        AfterEachChange(count, ModifyEnumeratorThrows, 0, e => ReadUndefinedCurrent(count, e));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Current_ModifiedDuringEnumeration_Succeeds(int count) =>
        AfterEachChange(count, ModifyEnumeratorAllowed, 0, e => ReadUndefinedCurrent(count, e));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Reset_BeforeIteration_Support(int count)
    {
        using IEnumerator<T> enumerator = GenericIEnumerableFactory(count).GetEnumerator();
        enumerator.Reset();
    }

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Reset_ModifiedBeforeEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, ModifyEnumeratorThrows, 0, e => InvalidatedUnlessSharedEmpty(count, e.Reset));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Reset_ModifiedBeforeEnumeration_Succeeds(int count) =>
        AfterEachChange(count, ModifyEnumeratorAllowed, 0, e => e.Reset());

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Reset_ModifiedDuringEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, ModifyEnumeratorThrows, count / 2, e => InvalidatedUnlessSharedEmpty(count, e.Reset));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Reset_ModifiedDuringEnumeration_Succeeds(int count) =>
        AfterEachChange(count, ModifyEnumeratorAllowed, count / 2, e => e.Reset());

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Reset_ModifiedAfterEnumeration_ThrowsInvalidOperationException(int count) =>
        AfterEachChange(count, ModifyEnumeratorThrows, -1, e => InvalidatedUnlessSharedEmpty(count, e.Reset));

    [Theory]
    [MemberData(nameof(ValidCollectionSizes))]
    public void IEnumerable_Generic_Enumerator_Reset_ModifiedAfterEnumeration_Succeeds(int count) =>
        AfterEachChange(count, ModifyEnumeratorAllowed, -1, e => e.Reset());

    [Fact]
    public void IEnumerable_Generic_Enumerator_Reset()
    {
        RepeatTest(
            (enumerator, items, iteration) =>
            {
                if (iteration == 1)
                {
                    VerifyEnumerator(enumerator, items, items.Length / 2, validateStart: true, validateEnd: false);
                    enumerator.Reset();
                    enumerator.Reset();
                }
                else if (iteration == 3)
                {
                    VerifyEnumerator(enumerator, items, items.Length, validateStart: true, validateEnd: true);
                    enumerator.Reset();
                    enumerator.Reset();
                }
                else
                {
                    VerifyEnumerator(enumerator, items, items.Length, validateStart: true, validateEnd: true);
                }
            },
            iterations: 5);
    }
}
