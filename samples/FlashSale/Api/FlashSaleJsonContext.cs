using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashSale.Api;

/// <summary>
/// Source-generated JSON for every request and response body: web defaults (camelCase, nulls left out), but strict on
/// input: numbers must be JSON numbers (<c>"quantity":"5"</c> is refused), a property may appear once, and a property
/// the body type does not have is refused, so a typo or an injected field is a 400 rather than silently ignored.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(OrderRequest))]
[JsonSerializable(typeof(RestockRequest))]
[JsonSerializable(typeof(OrderAccepted))]
[JsonSerializable(typeof(StockLevel))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class FlashSaleJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Gets the context the endpoints read and write with: as <see cref="Default"/> (strict on input), but quotes and apostrophes in error messages
    /// stay readable instead of becoming <c>\u0022</c>. Safe because every body goes out as <c>application/json</c>,
    /// never inside HTML.
    /// </summary>
    public static FlashSaleJsonContext Readable { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
