// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

namespace MapGuard.Ported.RuntimeCollections;

/// <summary>
/// The root of the conformance suites ported from dotnet/runtime (upstream's <c>TestBase</c>, in
/// src/libraries/Common/tests/System/Collections/TestBase.NonGeneric.cs, commit
/// 1601226cdf2df9859ba0821873c28b43b6ff1ea0; MIT license, .NET Foundation).
/// </summary>
/// <remarks>
/// The files of tests/Shared/RuntimeCollections/ are compiled into each test project that runs them (linked with
/// <c>&lt;Compile Include&gt;</c>), and each such project declares the other part of this class: the one place where
/// upstream's <c>new Dictionary(...)</c> or <c>new ConcurrentDictionary(...)</c> becomes the dictionary under test.
/// That part must provide
/// <list type="bullet">
/// <item><c>IDictionary&lt;TKey, TValue&gt; NewDictionary&lt;TKey, TValue&gt;(IEqualityComparer&lt;TKey&gt;? comparer = null)</c>
/// (further optional parameters allowed): an empty dictionary under test;</item>
/// <item><c>static bool TryAdd&lt;TKey, TValue&gt;(IDictionary&lt;TKey, TValue&gt; dictionary, TKey key, TValue value)</c>:
/// the dictionary type's own <c>TryAdd</c>.</item>
/// </list>
/// tests/MapGuard.Tests/Ported/RuntimeDictionary/TestBase.GuardedDictionary.cs (Dictionary and GuardedDictionary) and
/// tests/MapGuard.Compat.Tests/Ported/TestBase.Maps.cs (ConcurrentDictionary and every map) are the two parts.
/// </remarks>
public abstract partial class TestBase
{
    /// <summary>The sizes every theory runs with, as upstream: empty, one, and enough for a few resizes.</summary>
    public static TheoryData<int> ValidCollectionSizes => [0, 1, 75];
}
