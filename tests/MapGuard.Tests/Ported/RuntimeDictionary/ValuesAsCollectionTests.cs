using System.Collections;

namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>Upstream's <c>Dictionary_Generic_Tests_Values_AsICollection</c>: the <c>Values</c> view as an <see cref="ICollection"/>, once per target.</summary>
public static class ValuesAsCollectionTests
{
    /// <summary>The values of a string dictionary.</summary>
    public abstract class Suite : ViewNonGenericCollectionTests
    {
        /// <inheritdoc/>
        protected override ICollection ViewOf(IDictionary<string, string> dictionary) => (ICollection)dictionary.Values;

        [Theory]
        [MemberData(nameof(ValidCollectionSizes))]
        public void Dictionary_Generic_ValueCollection_CopyTo_ExactlyEnoughSpaceInTypeCorrectArray(int count) => CopyToTypeCorrectArray(count);
    }

    /// <summary>Against <see cref="Dictionary{TKey, TValue}"/>.</summary>
    public sealed class OnDictionary : Suite
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.Dictionary;
    }

    /// <summary>Against <see cref="GuardedDictionary{TKey, TValue}"/> in Throw mode.</summary>
    public sealed class OnGuardedThrow : Suite
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.GuardedThrow;
    }

    /// <summary>Against <see cref="GuardedDictionary{TKey, TValue}"/> in Report mode.</summary>
    public sealed class OnGuardedReport : Suite
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.GuardedReport;
    }
}
