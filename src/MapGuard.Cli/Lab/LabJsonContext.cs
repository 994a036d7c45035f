using System.Text.Json.Serialization;

namespace MapGuard.Cli.Lab;

/// <summary>Source-generated System.Text.Json metadata for <c>mapguard lab --json</c> (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LabReport))]
internal sealed partial class LabJsonContext : JsonSerializerContext
{
}
