namespace MapGuard.Cli.Tests;

/// <summary>A broken map: it reports success for every 100th add but does not store the key.</summary>
public sealed class ForgetfulMap<TKey, TValue> : DelegatingMap<TKey, TValue>
    where TKey : notnull
{
    private int _adds;

    public override bool TryAdd(TKey key, TValue value) => ++_adds % 100 == 0 || base.TryAdd(key, value);
}
