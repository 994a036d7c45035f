namespace FlashSale.Load;

/// <summary>What one load run does.</summary>
/// <param name="Duration">How long clients keep sending; requests in flight at the end are awaited.</param>
/// <param name="Concurrency">The number of clients, each with one request in flight at a time.</param>
/// <param name="Sku">The SKU every order names.</param>
/// <param name="Quantity">The units each order asks for.</param>
internal sealed record LoadSettings(TimeSpan Duration, int Concurrency, string Sku, int Quantity);
