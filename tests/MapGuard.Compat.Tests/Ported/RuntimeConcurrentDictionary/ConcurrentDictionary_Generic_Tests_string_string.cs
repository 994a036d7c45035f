// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Ported from dotnet/runtime, src/libraries/System.Collections.Concurrent/tests/ConcurrentDictionary/ConcurrentDictionary.Generic.Tests.cs
// at commit 18af4648ae490f6547b03f9b7c951cef4d99ae65. Adapted for MapGuard: abstract, run once per map
// (ConcurrentDictionaryGenericTestsOnEveryMap.cs); see ConcurrentDictionary_Generic_Tests.cs. In
// NonRandomizedToRandomizedUpgrade_FunctionsCorrectly, new ConcurrentDictionary<string, string>(comparer) ->
// NewDictionary<string, string>(comparer) and cd.TryAdd(s, s) -> TryAdd(cd, s, s) (the type's own TryAdd, not the
// IDictionary extension). The colliding strings are still computed from ConcurrentDictionary's own non-randomized
// comparers, as upstream: they are the test's data, and every map must store and find them.
// [ActiveIssue(..., TestPlatforms.tvOS)] is dropped: this project runs on no tvOS.

using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MapGuard.Compat.Tests.Ported.RuntimeConcurrentDictionary
{
    public abstract class ConcurrentDictionary_Generic_Tests_string_string : ConcurrentDictionary_Generic_Tests<string, string>
    {
        protected override KeyValuePair<string, string> CreateT(int seed)
        {
            return new KeyValuePair<string, string>(CreateTKey(seed), CreateTKey(seed + 500));
        }

        protected override string CreateTKey(int seed)
        {
            int stringLength = seed % 10 + 5;
            Random rand = new Random(seed);
            byte[] bytes1 = new byte[stringLength];
            rand.NextBytes(bytes1);
            return Convert.ToBase64String(bytes1);
        }

        protected override string CreateTValue(int seed) => CreateTKey(seed);

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void NonRandomizedToRandomizedUpgrade_FunctionsCorrectly(bool ignoreCase)
        {
            List<string> strings = GenerateCollidingStrings(110); // higher than the collisions threshold

            var cd = NewDictionary<string, string>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            for (int i = 0; i < strings.Count; i++)
            {
                string s = strings[i];

                Assert.True(TryAdd(cd, s, s));
                Assert.False(TryAdd(cd, s, s));

                for (int j = 0; j < strings.Count; j++)
                {
                    Assert.Equal(j <= i, cd.ContainsKey(strings[j]));
                }
            }
        }

        private static List<string> GenerateCollidingStrings(int count)
        {
            static Func<string, int> GetHashCodeFunc(ConcurrentDictionary<string, string> cd)
            {
                // If the layout of ConcurrentDictionary changes, this will need to change as well.

                FieldInfo tablesField = AssertNotNull(typeof(ConcurrentDictionary<string, string>).GetField("_tables", BindingFlags.Instance | BindingFlags.NonPublic));
                Type tablesType = Type.GetType("System.Collections.Concurrent.ConcurrentDictionary`2+Tables, System.Collections.Concurrent", throwOnError: true);
                object tables = AssertNotNull(tablesField.GetValue(cd));

                FieldInfo comparerField = AssertNotNull(tablesType.GetField("_comparer", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public));
                comparerField = AssertNotNull((FieldInfo)tables.GetType().GetMemberWithSameMetadataDefinitionAs(comparerField));
                IEqualityComparer<string> comparer = AssertNotNull((IEqualityComparer<string>)comparerField.GetValue(tables));

                return comparer.GetHashCode;

                static T AssertNotNull<T>(T value, [CallerArgumentExpression(nameof(value))] string valueArg = null)
                {
                    Assert.True(value is not null, valueArg);
                    return value;
                }
            }

            Func<string, int> nonRandomizedOrdinal = GetHashCodeFunc(new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
            Func<string, int> nonRandomizedOrdinalIgnoreCase = GetHashCodeFunc(new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase));

            const int StartOfRange = 0xE020; // use the Unicode Private Use range to avoid accidentally creating strings that really do compare as equal OrdinalIgnoreCase
            const int Stride = 0x40; // to ensure we don't accidentally reset the 0x20 bit of the seed, which is used to negate OrdinalIgnoreCase effects
            int currentSeed = StartOfRange;

            List<string> collidingStrings = new List<string>(count);
            while (collidingStrings.Count < count)
            {
                Assert.True(currentSeed <= ushort.MaxValue,
                    $"Couldn't create enough colliding strings? Created {collidingStrings.Count}, needed {count}.");

                // Generates a possible string with a well-known non-randomized hash code:
                // - string.GetNonRandomizedHashCode returns 0.
                // - string.GetNonRandomizedHashCodeOrdinalIgnoreCase returns 0x24716ca0.
                // Provide a different seed to produce a different string.
                // Must check OrdinalIgnoreCase hash code to ensure correctness.
                string candidate = string.Create(8, currentSeed, static (span, seed) =>
                {
                    Span<byte> asBytes = MemoryMarshal.AsBytes(span);

                    uint hash1 = (5381 << 16) + 5381;
                    uint hash2 = BitOperations.RotateLeft(hash1, 5) + hash1;

                    MemoryMarshal.Write(asBytes, in seed);
                    MemoryMarshal.Write(asBytes.Slice(4), in hash2); // set hash2 := 0 (for Ordinal)

                    hash1 = (BitOperations.RotateLeft(hash1, 5) + hash1) ^ (uint)seed;
                    hash1 = (BitOperations.RotateLeft(hash1, 5) + hash1);

                    MemoryMarshal.Write(asBytes.Slice(8), in hash1); // set hash1 := 0 (for Ordinal)
                });

                int ordinalHashCode = nonRandomizedOrdinal(candidate);
                Assert.Equal(0, ordinalHashCode); // ensure has a zero hash code Ordinal

                int ordinalIgnoreCaseHashCode = nonRandomizedOrdinalIgnoreCase(candidate);
                if (ordinalIgnoreCaseHashCode == 0x24716ca0) // ensure has a zero hash code OrdinalIgnoreCase (might not have one)
                {
                    collidingStrings.Add(candidate); // success!
                }

                currentSeed += Stride;
            }

            return collidingStrings;
        }
    }
}
