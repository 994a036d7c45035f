namespace FlashSale.Stock;

/// <summary>A Redis or Garnet store parsed from <c>redis://HOST[:PORT]</c> or <c>rediss://HOST[:PORT]</c>.</summary>
/// <param name="Endpoint">The StackExchange.Redis endpoint, <c>HOST:PORT</c>.</param>
/// <param name="UsesTls">Whether the connection is TLS (<c>rediss://</c>), with the server's certificate validated.</param>
internal sealed record RedisStore(string Endpoint, bool UsesTls);
