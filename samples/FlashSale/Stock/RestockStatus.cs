namespace FlashSale.Stock;

/// <summary>How a restock ended.</summary>
internal enum RestockStatus
{
    /// <summary>The units were added (to a new SKU or an existing one).</summary>
    Restocked,

    /// <summary>The stock would have passed <see cref="int.MaxValue"/>; nothing changed.</summary>
    Overflow,

    /// <summary>The SKU is new and the store already holds <see cref="Hosting.FlashSaleOptions.MaxSkus"/> SKUs; nothing changed.</summary>
    TooManySkus,
}
