namespace MapGuard.Cli.Tests;

/// <summary>Not found: no parameterless constructor.</summary>
public sealed class CapacityOnlyMap<TKey, TValue>(int capacity) : DelegatingMap<TKey, TValue>
    where TKey : notnull
{
    public int Capacity => capacity;
}
