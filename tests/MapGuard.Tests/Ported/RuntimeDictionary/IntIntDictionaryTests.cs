namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>
/// The Dictionary suites with int keys and values (upstream's <c>Dictionary_Generic_Tests_int_int</c>), once per
/// target. default(int) is a valid key, so the default-key cases run their other branch.
/// </summary>
public static class IntIntDictionaryTests
{
    /// <summary>Keys and values: the first <see cref="Random.Next()"/> of the seed.</summary>
    public abstract class Suite : DictionaryGenericTests<int, int>
    {
        /// <inheritdoc/>
        protected override bool DefaultValueAllowed => true;

        /// <inheritdoc/>
        protected override KeyValuePair<int, int> CreateT(int seed)
        {
            var random = new Random(seed);
            return new(random.Next(), random.Next());
        }

        /// <inheritdoc/>
        protected override int CreateTKey(int seed) => new Random(seed).Next();

        /// <inheritdoc/>
        protected override int CreateTValue(int seed) => CreateTKey(seed);
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
