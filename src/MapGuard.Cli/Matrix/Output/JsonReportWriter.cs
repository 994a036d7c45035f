using System.Text.Json;
using MapGuard.Cli.Matrix.Results;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>The JSON form of a <see cref="MatrixReport"/> (camelCase, indented, source-generated).</summary>
internal static class JsonReportWriter
{
    /// <summary>Serialises <paramref name="report"/>.</summary>
    public static string Write(MatrixReport report) => JsonSerializer.Serialize(report, MatrixJsonContext.Default.MatrixReport) + "\n";
}
