namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>
/// The Dictionary suites with a struct key and a custom comparer (upstream's
/// <c>Dictionary_Generic_Tests_SimpleInt_int_With_Comparer_WrapStructural_SimpleInt</c>), once per target.
/// </summary>
public static class SimpleIntDictionaryTests
{
    /// <summary>Keys: <see cref="SimpleInt"/> of the seed's first <see cref="Random.Next()"/>; the constructor cases
    /// pass a <see cref="SimpleIntComparer"/>.</summary>
    public abstract class Suite : DictionaryGenericTests<SimpleInt, int>
    {
        private readonly SimpleIntComparer _comparer = new();

        /// <inheritdoc/>
        protected override bool DefaultValueAllowed => true;

        /// <inheritdoc/>
        protected override IEqualityComparer<SimpleInt> GetKeyIEqualityComparer() => _comparer;

        /// <inheritdoc/>
        protected override SimpleInt CreateTKey(int seed) => new(new Random(seed).Next());

        /// <inheritdoc/>
        protected override int CreateTValue(int seed) => new Random(seed).Next();

        /// <inheritdoc/>
        protected override KeyValuePair<SimpleInt, int> CreateT(int seed) => new(CreateTKey(seed), CreateTValue(seed));
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
