namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>
/// The Dictionary suites with string keys and values (upstream's <c>Dictionary_Generic_Tests_string_string</c>, in
/// src/libraries/System.Collections/tests/Generic/Dictionary/Dictionary.Generic.cs), once per target.
/// </summary>
public static class StringStringDictionaryTests
{
    /// <summary>Keys and values: base64 of 5 to 14 random bytes, from the seed.</summary>
    public abstract class Suite : DictionaryGenericTests<string, string>
    {
        /// <inheritdoc/>
        protected override KeyValuePair<string, string> CreateT(int seed) => new(CreateTKey(seed), CreateTKey(seed + 500));

        /// <inheritdoc/>
        protected override string CreateTKey(int seed)
        {
            byte[] bytes = new byte[(seed % 10) + 5];
            new Random(seed).NextBytes(bytes);
            return Convert.ToBase64String(bytes);
        }

        /// <inheritdoc/>
        protected override string CreateTValue(int seed) => CreateTKey(seed);
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
