namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// Checks output paths before anything is measured, so a typo costs a second, not a two-minute run.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Returns the format for an <c>--out</c> path, or throws if the extension is not .json, .csv or .md.</summary>
    public static ReportFormat FormatOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".JSON" => ReportFormat.Json,
        ".CSV" => ReportFormat.Csv,
        ".MD" => ReportFormat.Markdown,
        var other => throw new UsageException($"--out: cannot tell the format of '{path}' from its extension '{other}'; use .json, .csv or .md"),
    };

    /// <summary>Returns the format for a <c>--chart</c> path, or throws if the extension is not .png or .svg.</summary>
    public static ChartFormat ChartFormatOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".PNG" => ChartFormat.Png,
        ".SVG" => ChartFormat.Svg,
        _ => throw new UsageException($"--chart: cannot tell the format of '{path}' from its extension '{Path.GetExtension(path)}'; use .png or .svg"),
    };

    /// <summary>
    /// Checks that <paramref name="path"/> can be written: its folder exists, it is not a folder itself, and a file can
    /// be created next to it (which is where the temporary file of <see cref="AtomicFile"/> goes).
    /// </summary>
    /// <returns>The full path.</returns>
    public static string CheckWritable(string path, string option)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option}: '{path}' is not a valid path: {ex.Message}", ex);
        }

        if (Directory.Exists(full))
        {
            throw new UsageException($"{option}: '{path}' is a directory, not a file");
        }

        string? directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new UsageException($"{option}: cannot write '{path}': directory '{directory}' does not exist");
        }

        string probe = AtomicFile.TempPathFor(full);
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: cannot write '{path}': {ex.Message.ReplaceLineEndings(" ")}", ex);
        }

        if (File.Exists(full) && File.GetAttributes(full).HasFlag(FileAttributes.ReadOnly))
        {
            throw new UsageException($"{option}: cannot write '{path}': the file is read-only");
        }

        return full;
    }
}
