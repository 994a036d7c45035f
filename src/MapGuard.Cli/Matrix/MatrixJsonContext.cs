using System.Text.Json;
using System.Text.Json.Serialization;
using MapGuard.Cli.Matrix.Results;
using MapGuard.Cli.Matrix.Worker;
using MapGuard.Cli.Matrix.Workloads;

namespace MapGuard.Cli.Matrix;

/// <summary>Source-generated System.Text.Json metadata for every JSON the CLI reads or writes (camelCase).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(MatrixReport))]
[JsonSerializable(typeof(ProfileDocument))]
[JsonSerializable(typeof(List<ProfileWorkload>))]
[JsonSerializable(typeof(MeasurementSpec))]
[JsonSerializable(typeof(MeasurementResult))]
internal sealed partial class MatrixJsonContext : JsonSerializerContext
{
}
