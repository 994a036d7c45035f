namespace MapGuard.Cli.Tests;

/// <summary>Found: public, sealed, generic, parameterless constructor.</summary>
public sealed class DiscoverableMap<TKey, TValue> : DelegatingMap<TKey, TValue>
    where TKey : notnull;
