// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

using MapGuard.Tests.Ported.RuntimeDictionary;

namespace MapGuard.Ported.RuntimeCollections;

/// <summary>
/// MapGuard.Tests' part of the root of the suites ported from dotnet/runtime's Dictionary tests (the shared part, in
/// tests/Shared/RuntimeCollections/TestBase.cs, says what each part provides): it builds the dictionary under test for
/// the <see cref="Target"/>, and after every test checks that no <see cref="GuardedDictionary{TKey, TValue}"/> it
/// built recorded a violation (the suites are single-threaded, so any violation is a false positive; in Report mode
/// it would otherwise pass unseen).
/// </summary>
/// <remarks>
/// The test cases are those of dotnet/runtime (MIT license, .NET Foundation), read at
/// src/libraries/System.Collections/tests/Generic/Dictionary/ and src/libraries/Common/tests/System/Collections/;
/// docs/design/testing.md ("Ported: dotnet/runtime Dictionary tests") lists the files, commits and what is left out.
/// </remarks>
public abstract partial class TestBase : IDisposable
{
    private readonly List<Func<long>> _violationCounts = [];

    /// <summary>Gets the dictionary this class runs against.</summary>
    protected abstract DictionaryTarget Target { get; }

    /// <summary>Gets whether <see cref="Target"/> is a <see cref="GuardedDictionary{TKey, TValue}"/>.</summary>
    protected bool IsGuarded => Target != DictionaryTarget.Dictionary;

    /// <summary>An empty dictionary of the target type: <c>new Dictionary(capacity, comparer)</c> or its guarded twin.</summary>
    protected IDictionary<TKey, TValue> NewDictionary<TKey, TValue>(int capacity = 0, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull =>
        IsGuarded
            ? Track(new GuardedDictionary<TKey, TValue>(capacity, comparer, Options))
            : new Dictionary<TKey, TValue>(capacity, comparer);

    /// <summary>A copy of <paramref name="source"/>: <c>new Dictionary(IDictionary, comparer)</c> or its guarded twin.</summary>
    protected IDictionary<TKey, TValue> CopyOf<TKey, TValue>(IDictionary<TKey, TValue> source, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull =>
        IsGuarded
            ? Track(new GuardedDictionary<TKey, TValue>(source, comparer, Options))
            : new Dictionary<TKey, TValue>(source, comparer);

    private GuardOptions Options => new() { Mode = Target == DictionaryTarget.GuardedReport ? GuardMode.Report : GuardMode.Throw };

    private GuardedDictionary<TKey, TValue> Track<TKey, TValue>(GuardedDictionary<TKey, TValue> dictionary)
        where TKey : notnull
    {
        _violationCounts.Add(() => dictionary.ViolationCount);
        return dictionary;
    }

    /// <summary>The type's own <c>EnsureCapacity</c>.</summary>
    protected static int EnsureCapacity<TKey, TValue>(IDictionary<TKey, TValue> dictionary, int capacity)
        where TKey : notnull => dictionary switch
        {
            Dictionary<TKey, TValue> plain => plain.EnsureCapacity(capacity),
            GuardedDictionary<TKey, TValue> guarded => guarded.EnsureCapacity(capacity),
            _ => throw Unknown(dictionary),
        };

    /// <summary>The type's own <c>TrimExcess()</c>.</summary>
    protected static void TrimExcess<TKey, TValue>(IDictionary<TKey, TValue> dictionary)
        where TKey : notnull
    {
        switch (dictionary)
        {
            case Dictionary<TKey, TValue> plain: plain.TrimExcess(); break;
            case GuardedDictionary<TKey, TValue> guarded: guarded.TrimExcess(); break;
            default: throw Unknown(dictionary);
        }
    }

    /// <summary>The type's own <c>TrimExcess(int)</c>.</summary>
    protected static void TrimExcess<TKey, TValue>(IDictionary<TKey, TValue> dictionary, int capacity)
        where TKey : notnull
    {
        switch (dictionary)
        {
            case Dictionary<TKey, TValue> plain: plain.TrimExcess(capacity); break;
            case GuardedDictionary<TKey, TValue> guarded: guarded.TrimExcess(capacity); break;
            default: throw Unknown(dictionary);
        }
    }

    /// <summary>The type's own <c>ContainsValue</c>.</summary>
    protected static bool ContainsValue<TKey, TValue>(IDictionary<TKey, TValue> dictionary, TValue value)
        where TKey : notnull => dictionary switch
        {
            Dictionary<TKey, TValue> plain => plain.ContainsValue(value),
            GuardedDictionary<TKey, TValue> guarded => guarded.ContainsValue(value),
            _ => throw Unknown(dictionary),
        };

    /// <summary>The type's own <c>TryAdd</c> (not the <c>CollectionExtensions</c> one, which is ContainsKey then Add).</summary>
    protected static bool TryAdd<TKey, TValue>(IDictionary<TKey, TValue> dictionary, TKey key, TValue value)
        where TKey : notnull => dictionary switch
        {
            Dictionary<TKey, TValue> plain => plain.TryAdd(key, value),
            GuardedDictionary<TKey, TValue> guarded => guarded.TryAdd(key, value),
            _ => throw Unknown(dictionary),
        };

    /// <summary>The type's own <c>Remove(key, out value)</c>.</summary>
    protected static bool Remove<TKey, TValue>(IDictionary<TKey, TValue> dictionary, TKey key, out TValue value)
        where TKey : notnull
    {
        switch (dictionary)
        {
            case Dictionary<TKey, TValue> plain: return plain.Remove(key, out value!);
            case GuardedDictionary<TKey, TValue> guarded: return guarded.Remove(key, out value!);
            default: throw Unknown(dictionary);
        }
    }

    /// <summary>The type's <c>Comparer</c>.</summary>
    protected static IEqualityComparer<TKey> ComparerOf<TKey, TValue>(IDictionary<TKey, TValue> dictionary)
        where TKey : notnull => dictionary switch
        {
            Dictionary<TKey, TValue> plain => plain.Comparer,
            GuardedDictionary<TKey, TValue> guarded => guarded.Comparer,
            _ => throw Unknown(dictionary),
        };

    /// <summary>The type's own <c>GetEnumerator()</c> (Dictionary's is a struct, boxed here), not the interface one,
    /// which for an empty Dictionary is a shared empty enumerator that no change invalidates.</summary>
    protected static IEnumerator<KeyValuePair<TKey, TValue>> EnumeratorOf<TKey, TValue>(IDictionary<TKey, TValue> dictionary)
        where TKey : notnull => dictionary switch
        {
            Dictionary<TKey, TValue> plain => plain.GetEnumerator(),
            GuardedDictionary<TKey, TValue> guarded => guarded.GetEnumerator(),
            _ => throw Unknown(dictionary),
        };

    /// <summary>Asserts that <paramref name="actual"/> holds exactly the entries of <paramref name="expected"/>, in any
    /// order (what xunit's Assert.Equal checks for two Dictionaries upstream).</summary>
    protected static void AssertSameEntries<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> expected, IDictionary<TKey, TValue> actual)
        where TKey : notnull
    {
        KeyValuePair<TKey, TValue>[] entries = expected.ToArray();
        Assert.Equal(entries.Length, actual.Count);
        foreach (KeyValuePair<TKey, TValue> entry in entries)
        {
            Assert.True(actual.TryGetValue(entry.Key, out TValue? value), $"missing key {entry.Key}");
            Assert.Equal(entry.Value, value);
        }
    }

    private static InvalidOperationException Unknown(object dictionary) =>
        new($"not a dictionary under test: {dictionary.GetType()}");

    /// <summary>Fails the test if a guarded dictionary it built recorded a violation.</summary>
    public void Dispose()
    {
        foreach (Func<long> violations in _violationCounts)
        {
            Assert.Equal(0, violations());
        }

        GC.SuppressFinalize(this);
    }
}
