namespace FlashSale.Stock;

/// <summary>How an order ended.</summary>
internal enum OrderStatus
{
    /// <summary>The units were taken from stock.</summary>
    Accepted,

    /// <summary>Fewer units were in stock than ordered; nothing changed.</summary>
    OutOfStock,

    /// <summary>The SKU does not exist; nothing changed.</summary>
    UnknownSku,
}
