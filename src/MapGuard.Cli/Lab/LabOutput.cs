using System.Globalization;
using System.Text.Json;
using MapGuard.Cli.Lab.Maps;
using Spectre.Console;

namespace MapGuard.Cli.Lab;

/// <summary>Prints a <see cref="LabReport"/> as a table with findings, or as JSON.</summary>
internal static class LabOutput
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="stdout"/>.</summary>
    public static void Write(LabReport report, TextWriter stdout, bool json, bool terminal)
    {
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(report, LabJsonContext.Default.LabReport));
            return;
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 200; // pipes and files: do not wrap at 80 columns
        }

        console.WriteLine($"mapguard lab {report.Hazard}: {report.Problem}");
        console.WriteLine(report.Setup);
        console.Write(BuildTable(report));
        foreach (string finding in report.Findings)
        {
            console.WriteLine("- " + finding);
        }

        foreach (string unexpected in report.Unexpected)
        {
            console.MarkupLine("[red]UNEXPECTED:[/] " + Markup.Escape(unexpected));
        }

        foreach (string note in report.Notes)
        {
            console.WriteLine("note: " + note);
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.ElapsedSeconds:0.0} s{(report.Cancelled ? "; stopped by Ctrl+C, partial results" : "")}"));
    }

    private static Table BuildTable(LabReport report)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("subject");
        table.AddColumn("role");
        table.AddColumn(new TableColumn("trials").RightAligned());
        table.AddColumn("outcomes");
        table.AddColumn(new TableColumn("entries lost").RightAligned());
        bool metrics = report.Rows.Any(r => r.Metrics is not null);
        if (metrics)
        {
            table.AddColumn("measurements");
        }

        foreach (LabRow row in report.Rows)
        {
            var cells = new List<string>
            {
                Markup.Escape(row.Subject),
                Role(row.Kind),
                row.Trials.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", row.Outcomes.OrderByDescending(o => o.Value).Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Value} {o.Key}")))),
                row.EntriesLost.ToString("N0", CultureInfo.InvariantCulture),
            };
            if (metrics)
            {
                cells.Add(row.Metrics is null ? "" : Markup.Escape(string.Join(", ", row.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:0.##}")))));
            }

            table.AddRow([.. cells]);
        }

        return table;
    }

    private static string Role(LabSubjectKind kind) => kind switch
    {
        LabSubjectKind.Plain => "plain .NET (the hazard)",
        LabSubjectKind.Guard => "guard (caught)",
        _ => "concurrent map (the fix)",
    };
}
