using System.Globalization;
using System.Runtime.InteropServices;

namespace MapGuard.Cli.Matrix.Results;

/// <summary>The machine a matrix ran on.</summary>
internal sealed class MachineInfo
{
    /// <summary>Logical processors available to the process.</summary>
    public int Cores { get; init; }

    /// <summary>The operating system, e.g. <c>Ubuntu 24.04.1 LTS</c>.</summary>
    public required string Os { get; init; }

    /// <summary>The .NET runtime, e.g. <c>.NET 10.0.0</c>.</summary>
    public required string Dotnet { get; init; }

    /// <summary>The process architecture, e.g. <c>X64</c>.</summary>
    public required string Architecture { get; init; }

    /// <summary>The 1-minute load average when the run started (Linux), or null. Above the core count, other work competed.</summary>
    public double? LoadAverage { get; init; }

    /// <summary>Describes the current machine.</summary>
    public static MachineInfo Current() => new()
    {
        Cores = Environment.ProcessorCount,
        Os = RuntimeInformation.OSDescription,
        Dotnet = RuntimeInformation.FrameworkDescription,
        Architecture = RuntimeInformation.ProcessArchitecture.ToString(),
        LoadAverage = ReadLoadAverage(),
    };

    private static double? ReadLoadAverage()
    {
        try
        {
            string text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : "";
            return double.TryParse(text.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
