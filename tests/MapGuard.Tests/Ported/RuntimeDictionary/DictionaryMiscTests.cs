// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

using System.Collections;
using System.Collections.ObjectModel;
using MapGuard.Ported.RuntimeCollections;

namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>
/// The generic cases of the <c>Dictionary_Tests</c> class in dotnet/runtime's
/// src/libraries/System.Collections/tests/Generic/Dictionary/Dictionary.Tests.cs (MIT license, .NET Foundation; cases
/// read at commit 051a43d2e3e1d6d2ed0c88b351155eb034b08621), rewritten for xunit.v3 and run against the target
/// dictionary. Its non-generic <c>Dictionary_IDictionary_NonGeneric_Tests</c> class is <see cref="DictionaryNonGenericTests"/>;
/// BinaryFormatter serialization is left out (docs/design/testing.md says why).
/// </summary>
public abstract class DictionaryMiscTests : TestBase
{
    [Fact]
    public void CopyConstructorExceptions()
    {
        Assert.Equal("dictionary", Assert.Throws<ArgumentNullException>(() => CopyOf<int, int>(null!)).ParamName);
        Assert.Equal("dictionary", Assert.Throws<ArgumentNullException>(() => CopyOf<int, int>(null!, null)).ParamName);
        Assert.Equal("dictionary", Assert.Throws<ArgumentNullException>(() => CopyOf<int, int>(null!, EqualityComparer<int>.Default)).ParamName);

        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => CopyOf(new NegativeCountDictionary<int, int>())).ParamName);
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => CopyOf(new NegativeCountDictionary<int, int>(), null)).ParamName);
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => CopyOf(new NegativeCountDictionary<int, int>(), EqualityComparer<int>.Default)).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(101)]
    public void ICollection_NonGeneric_CopyTo_NonContiguousDictionary(int count)
    {
        var collection = (ICollection)CreateDictionary(count, k => k.ToString());
        var array = new KeyValuePair<string, string>[count];
        collection.CopyTo(array, 0);
        Assert.Equal(collection.Cast<KeyValuePair<string, string>>(), array);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(101)]
    public void ICollection_Generic_CopyTo_NonContiguousDictionary(int count)
    {
        ICollection<KeyValuePair<string, string>> collection = CreateDictionary(count, k => k.ToString());
        var array = new KeyValuePair<string, string>[count];
        collection.CopyTo(array, 0);
        Assert.Equal(collection, array);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(101)]
    public void IDictionary_Generic_CopyTo_NonContiguousDictionary(int count)
    {
        IDictionary<string, string> dictionary = CreateDictionary(count, k => k.ToString());
        var array = new KeyValuePair<string, string>[count];
        dictionary.CopyTo(array, 0);
        Assert.Equal(dictionary, array);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(101)]
    public void CopyTo_NonContiguousDictionary(int count)
    {
        IDictionary<string, string> dictionary = CreateDictionary(count, k => k.ToString());
        string[] array = new string[count];
        dictionary.Keys.CopyTo(array, 0);
        Assert.Equal(dictionary.Select(pair => pair.Key), array);

        dictionary.Values.CopyTo(array, 0);
        Assert.Equal(dictionary.Select(pair => pair.Value), array);
    }

    [Fact]
    public void Remove_NonExistentEntries_DoesNotPreventEnumeration()
    {
        const string SubKey = "-sub-key";
        IDictionary<string, string> dictionary = NewDictionary<string, string>();
        dictionary.Add("a", "b");
        dictionary.Add("c", "d");
        foreach (string key in dictionary.Keys)
        {
            if (dictionary.Remove(key + SubKey))
            {
                break;
            }
        }

        dictionary.Add("c" + SubKey, "d");
        foreach (string key in dictionary.Keys)
        {
            if (dictionary.Remove(key + SubKey))
            {
                break;
            }
        }

        Assert.Equal(["a", "c"], dictionary.Keys.Order());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(1000_000)]
    public void InsertionOpsOnly_Enumeration_PreservesInsertionOrder(int count)
    {
        IDictionary<int, int> dictionary = NewDictionary<int, int>();
        for (int i = 0; i < count; i++)
        {
            dictionary.Add(i, i);
        }

        int expected = 0;
        foreach (KeyValuePair<int, int> pair in dictionary)
        {
            Assert.Equal(expected, pair.Key);
            Assert.Equal(expected, pair.Value);
            expected++;
        }

        expected = 0;
        foreach (int key in dictionary.Keys)
        {
            Assert.Equal(expected++, key);
        }

        expected = 0;
        foreach (int value in dictionary.Values)
        {
            Assert.Equal(expected++, value);
        }
    }

    [Fact]
    public void TryAdd_ItemAlreadyExists_DoesNotInvalidateEnumerator()
    {
        IDictionary<string, string> dictionary = NewDictionary<string, string>();
        dictionary.Add("a", "b");
        using IEnumerator<KeyValuePair<string, string>> enumerator = EnumeratorOf(dictionary);
        Assert.False(TryAdd(dictionary, "a", "c"));
        Assert.True(enumerator.MoveNext());
    }

    /// <summary>Sources for the copy constructor: Dictionary itself, a subclass, and a read-only wrapper.</summary>
    public static TheoryData<int, int> CopyConstructorCases()
    {
        var cases = new TheoryData<int, int>();
        for (int source = 0; source < 3; source++)
        {
            for (int size = 0; size <= 3; size++)
            {
                cases.Add(source, size);
            }
        }

        return cases;
    }

    private static IDictionary<T, T> Wrap<T>(int source, IDictionary<T, T> dictionary)
        where T : notnull => source switch
        {
            0 => dictionary,
            1 => new DictionarySubclass<T, T>(dictionary),
            _ => new ReadOnlyDictionary<T, T>(dictionary),
        };

    [Theory]
    [MemberData(nameof(CopyConstructorCases))]
    public void CopyConstructorInt32(int source, int size) =>
        TestCopyConstructor(size, i => i, source, comparer: null, passComparer: false);

    [Theory]
    [MemberData(nameof(CopyConstructorCases))]
    public void CopyConstructorString(int source, int size) =>
        TestCopyConstructor(size, i => i.ToString(), source, comparer: null, passComparer: false);

    [Theory]
    [MemberData(nameof(CopyConstructorCases))]
    public void CopyConstructorInt32Comparer(int source, int size)
    {
        foreach (IEqualityComparer<int>? comparer in new[] { null, EqualityComparer<int>.Default })
        {
            TestCopyConstructor(size, i => i, source, comparer, passComparer: true);
        }
    }

    [Theory]
    [MemberData(nameof(CopyConstructorCases))]
    public void CopyConstructorStringComparer(int source, int size)
    {
        IEqualityComparer<string>?[] comparers = [null, EqualityComparer<string>.Default, StringComparer.Ordinal, StringComparer.OrdinalIgnoreCase];
        foreach (IEqualityComparer<string>? comparer in comparers)
        {
            TestCopyConstructor(size, i => i.ToString(), source, comparer, passComparer: true);
        }
    }

    private void TestCopyConstructor<T>(int size, Func<int, T> keyValueSelector, int source, IEqualityComparer<T>? comparer, bool passComparer)
        where T : notnull
    {
        IDictionary<T, T> expected = CreatePlain(size, keyValueSelector, comparer);
        IDictionary<T, T> input = Wrap(source, CreatePlain(size, keyValueSelector, comparer));
        IDictionary<T, T> copy = passComparer ? CopyOf(input, comparer) : CopyOf(input);
        AssertSameEntries(expected, copy);
    }

    [Fact]
    public void CantAcceptDuplicateKeysFromSourceDictionary()
    {
        var source = new Dictionary<string, int> { { "a", 1 }, { "A", 1 } };
        Assert.Throws<ArgumentException>(() => CopyOf(source, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void DictionaryOrdinalIgnoreCaseCyrillicKeys()
    {
        bool invariant = AppContext.TryGetSwitch("System.Globalization.Invariant", out bool on) && on;
        Assert.SkipWhen(invariant, "globalization-invariant mode (as upstream)");
        const string Lower = "\u0430\u0431\u0432\u0433\u0434\u0435\u0451\u0436\u0437\u0438\u0439\u043A\u043B\u043C\u043D\u043E\u043F\u0440\u0441\u0442\u0443\u0444\u0445\u0446\u0447\u0448\u0449\u044C\u044B\u044A\u044D\u044E\u044F";
        const string Higher = "\u0410\u0411\u0412\u0413\u0414\u0415\u0401\u0416\u0417\u0418\u0419\u041A\u041B\u041C\u041D\u041E\u041F\u0420\u0421\u0422\u0423\u0424\u0425\u0426\u0427\u0428\u0429\u042C\u042B\u042A\u042D\u042E\u042F";
        IDictionary<string, int> dictionary = NewDictionary<string, int>(0, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < Lower.Length; i++)
        {
            dictionary[Lower[i].ToString()] = i;
            Assert.Equal(i, dictionary[Higher[i].ToString()]);
        }
    }

    /// <summary>A dictionary under test with keys 1..size, made non-contiguous by removing key 0 after adding it first.</summary>
    private IDictionary<T, T> CreateDictionary<T>(int size, Func<int, T> keyValueSelector, IEqualityComparer<T>? comparer = null)
        where T : notnull
    {
        IDictionary<T, T> dictionary = NewDictionary<T, T>(0, comparer);
        for (int i = 0; i <= size; i++)
        {
            dictionary.Add(keyValueSelector(i), keyValueSelector(i));
        }

        dictionary.Remove(keyValueSelector(0));
        return dictionary;
    }

    private static Dictionary<T, T> CreatePlain<T>(int size, Func<int, T> keyValueSelector, IEqualityComparer<T>? comparer)
        where T : notnull
    {
        Dictionary<T, T> dictionary = Enumerable.Range(0, size + 1).ToDictionary(keyValueSelector, keyValueSelector, comparer);
        dictionary.Remove(keyValueSelector(0));
        return dictionary;
    }
}
