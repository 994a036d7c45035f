using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashSale.Api;

/// <summary>Source-generated JSON for every request and response body (web defaults: camelCase, nulls left out).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OrderRequest))]
[JsonSerializable(typeof(RestockRequest))]
[JsonSerializable(typeof(OrderAccepted))]
[JsonSerializable(typeof(StockLevel))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class FlashSaleJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Gets the context the endpoints write with: as <see cref="Default"/>, but quotes and apostrophes in error messages
    /// stay readable instead of becoming <c>\u0022</c>. Safe because every body goes out as <c>application/json</c>,
    /// never inside HTML.
    /// </summary>
    public static FlashSaleJsonContext Readable { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
