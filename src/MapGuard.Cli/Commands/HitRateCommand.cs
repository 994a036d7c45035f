using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MapGuard.Cli.HitRate;

namespace MapGuard.Cli.Commands;

/// <summary>
/// <c>mapguard hitrate</c>: replays key traces against MapGuard's eviction policies and BitFaster.Caching's caches and
/// prints the hit rates side by side. Exit 0 when it ran (whatever the rates), 2 on bad input, 130 on Ctrl+C.
/// </summary>
internal static class HitRateCommand
{
    private static readonly Option<string?> s_keys = new("--keys") { Description = "Key space of the synthetic traces (default 1000000).", HelpName = "N" };
    private static readonly Option<string?> s_length = new("--length") { Description = "Accesses per synthetic trace (default 2000000).", HelpName = "N" };
    private static readonly Option<string[]> s_trace = new("--trace")
    {
        Description = "A trace file (see --format; a .zst file is expanded with zstd); repeatable. Replaces the synthetic traces.",
        HelpName = "FILE",
    };

    private static readonly Option<string?> s_format = new("--format")
    {
        Description = "Trace file format: keys (one key per line), lis (ARC traces: start_block count ignored request_no), or auto (lis for *.lis and *.lis.zst, else keys; the default).",
        HelpName = "FORMAT",
    };

    private static readonly Option<string?> s_sizes = new("--sizes")
    {
        Description = "Cache sizes in percent of the key space (default 0.1,1,10; 0.5,1,2,5,10 for trace files).",
        HelpName = "LIST",
    };
    private static readonly Option<int> s_seed = new("--seed") { Description = "Seed of the synthetic traces (default 42).", DefaultValueFactory = _ => 42 };
    private static readonly Option<bool> s_markdown = new("--markdown") { Description = "Print the table as Markdown (for BENCHMARKS.md)." };

    /// <summary>Creates the command; its action writes to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("hitrate", "Replay key traces against each eviction policy and BitFaster.Caching's caches, and print hit rates.")
        {
            s_keys, s_length, s_trace, s_format, s_sizes, s_seed, s_markdown,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            try
            {
                return Task.FromResult(Run(parse, stdout, stderr, cancellationToken));
            }
            catch (UsageException ex)
            {
                stderr.WriteLine("error: " + ex.Message);
                return Task.FromResult(ExitCodes.Usage);
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("hitrate: cancelled");
                return Task.FromResult(ExitCodes.Cancelled);
            }
        });
        return command;
    }

    private static int Run(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        int keys = (int)Bounded(parse.GetValue(s_keys), "--keys", 1_000_000, 100, 100_000_000);
        int length = (int)Bounded(parse.GetValue(s_length), "--length", 2_000_000, 1_000, 500_000_000);
        string[] files = parse.GetValue(s_trace) ?? [];
        double[] sizes = ParseSizes(parse.GetValue(s_sizes), files.Length > 0 ? [0.5, 1, 2, 5, 10] : [0.1, 1, 10]);
        TraceFormat format = ParseFormat(parse.GetValue(s_format));
        int seed = parse.GetValue(s_seed);

        var clock = Stopwatch.StartNew();
        var traces = new List<KeyTrace>();
        if (files.Length > 0)
        {
            // Every file is read before anything is printed, so a bad one is the only line on stderr.
            traces.AddRange(files.Select(file => KeyTraces.FromFile(file, format, cancellationToken)));
            foreach (KeyTrace trace in traces)
            {
                stderr.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"hitrate: {trace.Name}: {trace.Keys.Length:N0} accesses to {trace.KeySpace:N0} keys"));
            }
        }
        else
        {
            stderr.WriteLine($"hitrate: generating traces ({length:N0} accesses over {keys:N0} keys)");
            traces.Add(KeyTraces.Zipf(0.8, keys, length, seed));
            traces.Add(KeyTraces.Zipf(0.99, keys, length, seed + 1));
            traces.Add(KeyTraces.ScanPolluted(keys, length, seed + 2));
        }

        List<HitRateRow> rows = HitRateRunner.Run(traces, sizes, line => stderr.WriteLine("hitrate: " + line), cancellationToken);
        stdout.Write(parse.GetValue(s_markdown) ? Markdown(rows) : Plain(rows));
        int met = rows.Count(r => r.MeetsTargets);
        stderr.WriteLine($"hitrate: {met} of {rows.Count} rows meet the targets (Lru >= ConcurrentLru, TinyLfu >= ConcurrentLfu); {clock.Elapsed.TotalSeconds:F1} s");
        return ExitCodes.Success;
    }

    private static IEnumerable<string> ColumnNames => [.. CacheUnderTest.Names, .. HitRateRow.ReferenceNames];

    private static string Plain(List<HitRateRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"trace",-12} {"size",6} {"keys",9}  {string.Join("  ", ColumnNames.Select(n => $"{n,23}"))}  targets");
        foreach (HitRateRow row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{row.Trace,-12} {row.SizePercent,5}% {row.Capacity,9:N0}  {string.Join("  ", row.AllRates.Select(r => $"{r,22:P2} "))}  {(row.MeetsTargets ? "met" : "MISSED")}");
        }

        return text.ToString();
    }

    private static string Markdown(List<HitRateRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine($"| trace | size | keys | {string.Join(" | ", ColumnNames)} | targets |");
        text.AppendLine($"|---|---|---|{string.Concat(ColumnNames.Select(_ => "---|"))}---|");
        foreach (HitRateRow row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Trace} | {row.SizePercent}% | {row.Capacity:N0} | {string.Join(" | ", row.AllRates.Select(r => r.ToString("P2", CultureInfo.InvariantCulture)))} | {(row.MeetsTargets ? "met" : "missed")} |");
        }

        return text.ToString();
    }

    private static long Bounded(string? text, string option, long fallback, long min, long max)
    {
        if (text is null)
        {
            return fallback;
        }

        long value = OptionValues.ParseInteger(text, option);
        return value >= min && value <= max
            ? value
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option}: must be between {min:N0} and {max:N0} (got {value:N0})"));
    }

    private static TraceFormat ParseFormat(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "AUTO" => TraceFormat.Auto,
        "KEYS" => TraceFormat.Keys,
        "LIS" => TraceFormat.Lis,
        _ => throw new UsageException($"--format: use keys, lis or auto (got '{text}')"),
    };

    private static double[] ParseSizes(string? text, double[] fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        double[] sizes = [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => OptionValues.ParseNumber(part.TrimEnd('%'), "--sizes"))];
        return sizes.Length > 0 && sizes.All(size => size is > 0 and <= 100)
            ? sizes
            : throw new UsageException($"--sizes: give percentages above 0 and at most 100, e.g. 0.1,1,10 (got '{text}')");
    }
}
