namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>Upstream's debugger-view cases for Dictionary, Keys and Values (<see cref="DebugViewSuite"/>), once per target.</summary>
public static class DebugViewTests
{
    /// <summary>Against <see cref="Dictionary{TKey, TValue}"/>.</summary>
    public sealed class OnDictionary : DebugViewSuite
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.Dictionary;
    }

    /// <summary>Against <see cref="GuardedDictionary{TKey, TValue}"/> in Throw mode.</summary>
    public sealed class OnGuardedThrow : DebugViewSuite
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.GuardedThrow;
    }

    /// <summary>Against <see cref="GuardedDictionary{TKey, TValue}"/> in Report mode.</summary>
    public sealed class OnGuardedReport : DebugViewSuite
    {
        /// <inheritdoc/>
        protected override DictionaryTarget Target => DictionaryTarget.GuardedReport;
    }
}
