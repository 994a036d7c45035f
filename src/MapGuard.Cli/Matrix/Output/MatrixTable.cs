using MapGuard.Cli.Matrix.Results;
using Spectre.Console;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// The matrix as a Spectre.Console table: one row per workload, one column per map, each cell
/// "throughput (ratio to ConcurrentDictionary)", and the recommended map with its reason.
/// </summary>
internal static class MatrixTable
{
    /// <summary>Builds the table for <paramref name="report"/>.</summary>
    public static Table Build(MatrixReport report)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("[bold]workload[/]"));
        foreach (string map in report.Maps)
        {
            table.AddColumn(new TableColumn($"[bold]{Markup.Escape(map)}[/]").RightAligned());
        }

        table.AddColumn(new TableColumn("[bold]recommended[/]"));

        foreach (string workload in report.Workloads)
        {
            var rows = report.Results.Where(r => r.Workload == workload).ToList();
            if (rows.Count == 0 && !report.Failures.Any(f => f.Workload == workload))
            {
                continue; // never reached before Ctrl+C
            }

            var cells = new List<string>
            {
                rows.Count > 0 ? $"{Markup.Escape(workload)}\n[dim]{Markup.Escape(WorkloadLabel.Describe(rows[0]))}[/]" : Markup.Escape(workload),
            };
            foreach (string map in report.Maps)
            {
                var row = rows.FirstOrDefault(r => r.Map == map);
                cells.Add(row is not null
                    ? Markup.Escape(DisplayFormat.Cell(row))
                    : report.Failures.Any(f => f.Workload == workload && f.Map == map) ? "[red]failed[/]" : "[dim]-[/]");
            }

            var recommendation = report.Recommendations.FirstOrDefault(r => r.Workload == workload);
            cells.Add(recommendation is not null
                ? $"[bold green]{Markup.Escape(recommendation.Map)}[/]{Markup.Escape(DisplayFormat.Recommended(recommendation)[recommendation.Map.Length..])}"
                : "[dim]none: incomplete data[/]");
            table.AddRow(cells.ToArray());
        }

        return table;
    }
}
