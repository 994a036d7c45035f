namespace MapGuard.Cli.Matrix.Output;

/// <summary>The file formats <c>--out</c> can write, chosen by extension.</summary>
internal enum ReportFormat
{
    /// <summary><c>.json</c>: the machine-readable format.</summary>
    Json,

    /// <summary><c>.csv</c>: one line per (workload, map).</summary>
    Csv,

    /// <summary><c>.md</c>: the matrix and details as Markdown tables.</summary>
    Markdown,
}
