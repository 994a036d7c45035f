namespace MapGuard.Cli.Tests;

/// <summary>Not found: not public.</summary>
internal sealed class HiddenMap<TKey, TValue> : DelegatingMap<TKey, TValue>
    where TKey : notnull;
