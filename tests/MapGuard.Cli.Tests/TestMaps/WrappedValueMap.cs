namespace MapGuard.Cli.Tests;

/// <summary>Not found: the type parameters are not the contract's (the value type is fixed).</summary>
public sealed class WrappedValueMap<TKey, TExtra> : DelegatingMap<TKey, int>
    where TKey : notnull;
