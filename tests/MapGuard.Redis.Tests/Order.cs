namespace MapGuard.Redis.Tests;

/// <summary>A record value type for the JSON serializer tests.</summary>
public sealed record Order(string Sku, int Quantity, decimal Price);
