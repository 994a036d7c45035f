namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>The dictionary a ported suite runs against.</summary>
public enum DictionaryTarget
{
    /// <summary><see cref="Dictionary{TKey, TValue}"/> itself: the reference, which proves each test right.</summary>
    Dictionary,

    /// <summary><see cref="GuardedDictionary{TKey, TValue}"/> with <see cref="GuardMode.Throw"/>.</summary>
    GuardedThrow,

    /// <summary><see cref="GuardedDictionary{TKey, TValue}"/> with <see cref="GuardMode.Report"/>.</summary>
    GuardedReport,
}
