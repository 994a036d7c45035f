using MapGuard.Cli.Matrix.Results;
using Spectre.Console;

namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// The matrix as a Spectre.Console table: one row per (workload, key shape), one column per map, each cell
/// "throughput (ratio to ConcurrentDictionary on the same key shape)", and the recommended map with its reason.
/// </summary>
internal static class MatrixTable
{
    /// <summary>Builds the table for <paramref name="report"/>.</summary>
    public static Table Build(MatrixReport report)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("[bold]workload[/]"));
        table.AddColumn(new TableColumn("[bold]key shape[/]"));
        foreach (string map in report.Maps)
        {
            table.AddColumn(new TableColumn($"[bold]{Markup.Escape(map)}[/]").RightAligned());
        }

        table.AddColumn(new TableColumn("[bold]recommended[/]"));

        foreach (var (workload, keyShape) in report.Cells())
        {
            var rows = report.Results.Where(r => r.Workload == workload && r.KeyShape == keyShape).ToList();
            var failures = report.Failures.Where(f => f.Workload == workload && f.KeyShape == keyShape).ToList();
            if (rows.Count == 0 && failures.Count == 0)
            {
                continue; // never reached before Ctrl+C
            }

            var cells = new List<string>
            {
                rows.Count > 0 ? $"{Markup.Escape(workload)}\n[dim]{Markup.Escape(WorkloadLabel.Describe(rows[0]))}[/]" : Markup.Escape(workload),
                Markup.Escape(keyShape),
            };
            foreach (string map in report.Maps)
            {
                var row = rows.FirstOrDefault(r => r.Map == map);
                cells.Add(row is not null
                    ? Markup.Escape(DisplayFormat.Cell(row))
                    : failures.Any(f => f.Map == map) ? "[red]failed[/]" : "[dim]-[/]");
            }

            var recommendation = report.Recommendations.FirstOrDefault(r => r.Workload == workload && r.KeyShape == keyShape);
            cells.Add(recommendation is not null
                ? $"[bold green]{Markup.Escape(recommendation.Map)}[/]{Markup.Escape(DisplayFormat.Recommended(recommendation)[recommendation.Map.Length..])}"
                : "[dim]none: incomplete data[/]");
            table.AddRow(cells.ToArray());
        }

        return table;
    }
}
