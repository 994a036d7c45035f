// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Ported from dotnet/runtime, src/libraries/System.Collections.Concurrent/tests/ConcurrentDictionary/ConcurrentDictionary.NonGeneric.Tests.cs
// at commit 3c44aea0cf75ffe460bd9d2c8e256dc1e9eeba8f. Adapted for MapGuard: it derives from the conformance bases
// shared with MapGuard.Tests (tests/Shared/RuntimeCollections/), new ConcurrentDictionary<string, string>() ->
// NewDictionary<string, string>() (tests/MapGuard.Compat.Tests/Ported/TestBase.Maps.cs), and it runs once per map of
// MapKinds and once on ConcurrentDictionary itself (ConcurrentDictionaryNonGenericTestsOnEveryMap.cs). Upstream also
// sets ResetImplemented and IDictionary_NonGeneric_Keys_Values_Enumeration_ResetImplemented to true, which the shared
// bases assume, and SupportsSerialization to false (the BinaryFormatter case is not ported: .NET 9 removed it).
// Overrides, test names and asserts are upstream's.

using System.Collections;
using MapGuard.Ported.RuntimeCollections;

namespace MapGuard.Compat.Tests.Ported.RuntimeConcurrentDictionary
{
    public abstract class ConcurrentDictionary_NonGeneric_Tests : DictionaryInterfaceNonGenericTests
    {
        #region IDictionary<TKey, TValue Helper Methods

        protected override IDictionary NonGenericIDictionaryFactory()
        {
            return (IDictionary)NewDictionary<string, string>();
        }

        /// <summary>
        /// Creates an object that is dependent on the seed given. The object may be either
        /// a value type or a reference type, chosen based on the value of the seed.
        /// </summary>
        protected override object CreateTKey(int seed)
        {
            int stringLength = seed % 10 + 5;
            Random rand = new Random(seed);
            byte[] bytes = new byte[stringLength];
            rand.NextBytes(bytes);
            return Convert.ToBase64String(bytes);
        }

        /// <summary>
        /// Creates an object that is dependent on the seed given. The object may be either
        /// a value type or a reference type, chosen based on the value of the seed.
        /// </summary>
        protected override object CreateTValue(int seed) => CreateTKey(seed);

        protected override IEnumerable<ModifyEnumerable> GetModifyEnumerables(ModifyOperation operations) => new List<ModifyEnumerable>();

        protected override bool Enumerator_Current_UndefinedOperation_Throws => false;

        protected override bool IDictionary_NonGeneric_Keys_Values_ModifyingTheDictionaryUpdatesTheCollection => false;

        protected override bool ICollection_NonGeneric_SupportsSyncRoot => false;

        protected override bool IDictionary_NonGeneric_Keys_Values_ParentDictionaryModifiedInvalidates => false;

        protected override Type ICollection_NonGeneric_CopyTo_ArrayOfIncorrectReferenceType_ThrowType => typeof(ArrayTypeMismatchException);

        #endregion
    }
}
