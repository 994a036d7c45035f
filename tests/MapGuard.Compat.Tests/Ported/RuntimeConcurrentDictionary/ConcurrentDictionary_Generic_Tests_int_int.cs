// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Ported from dotnet/runtime, src/libraries/System.Collections.Concurrent/tests/ConcurrentDictionary/ConcurrentDictionary.Generic.Tests.cs
// at commit 18af4648ae490f6547b03f9b7c951cef4d99ae65. Adapted for MapGuard: abstract, run once per map
// (ConcurrentDictionaryGenericTestsOnEveryMap.cs); see ConcurrentDictionary_Generic_Tests.cs.

namespace MapGuard.Compat.Tests.Ported.RuntimeConcurrentDictionary
{
    public abstract class ConcurrentDictionary_Generic_Tests_int_int : ConcurrentDictionary_Generic_Tests<int, int>
    {
        protected override bool DefaultValueAllowed => true;

        protected override KeyValuePair<int, int> CreateT(int seed)
        {
            Random rand = new Random(seed);
            return new KeyValuePair<int, int>(rand.Next(), rand.Next());
        }

        protected override int CreateTKey(int seed) => new Random(seed).Next();

        protected override int CreateTValue(int seed) => CreateTKey(seed);
    }
}
