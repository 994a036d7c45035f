namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>Upstream's <c>Dictionary_IDictionary_NonGeneric_Tests</c> (<see cref="DictionaryNonGenericTests"/>), once per target.</summary>
public static class NonGenericDictionaryTests
{
    /// <summary>Against <see cref="Dictionary{TKey, TValue}"/>.</summary>
    public sealed class OnDictionary : DictionaryNonGenericTests
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.Dictionary;
    }

    /// <summary>Against <see cref="GuardedDictionary{TKey, TValue}"/> in Throw mode.</summary>
    public sealed class OnGuardedThrow : DictionaryNonGenericTests
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.GuardedThrow;
    }

    /// <summary>Against <see cref="GuardedDictionary{TKey, TValue}"/> in Report mode.</summary>
    public sealed class OnGuardedReport : DictionaryNonGenericTests
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.GuardedReport;
    }
}
