namespace MapGuard;

/// <summary>The one entry point for a governed map: <c>MapBuilder.For&lt;string, Order&gt;().Named("orders")...Build()</c>.</summary>
public static class MapBuilder
{
    /// <summary>Starts a builder for a map from <typeparamref name="TKey"/> to <typeparamref name="TValue"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    public static MapBuilder<TKey, TValue> For<TKey, TValue>()
        where TKey : notnull => new();
}
