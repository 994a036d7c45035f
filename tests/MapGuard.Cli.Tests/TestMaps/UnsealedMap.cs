namespace MapGuard.Cli.Tests;

/// <summary>Not found: not sealed.</summary>
public class UnsealedMap<TKey, TValue> : DelegatingMap<TKey, TValue>
    where TKey : notnull;
