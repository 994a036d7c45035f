namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>Upstream's <c>Dictionary_Generic_Tests_Values</c>: the <c>Values</c> view as an <see cref="ICollection{T}"/>, once per target.</summary>
public static class ValuesViewTests
{
    /// <summary>Values may repeat and may be null.</summary>
    public abstract class Suite : ViewCollectionTests
    {
        /// <inheritdoc/>
        protected override ICollection<string> ViewOf(IDictionary<string, string> dictionary) => dictionary.Values;
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
