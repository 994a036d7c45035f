using System.Globalization;
using MapGuard.Cli.Matrix.Worker;

namespace MapGuard.Cli.Matrix.Workloads;

/// <summary>
/// The one place that checks workload values, whether they come from flags or from a profile file, and turns the
/// names <c>uniform|zipf</c> and <c>seq|random|string|url|guid</c> into enums. Every failure is a <see cref="UsageException"/>.
/// </summary>
internal static class WorkloadLimits
{
    /// <summary>
    /// The most keys a workload may have: 64 Mi keeps a <c>string</c>-shape run within a few GB (a <c>url</c>-shape run
    /// needs about 250 bytes per key).
    /// </summary>
    public const int MaxKeys = 1 << 26;

    /// <summary>The most threads a workload may use.</summary>
    public const int MaxThreads = 256;

    /// <summary>
    /// The longest workload name. Names travel to each worker process on its command line and appear in every table,
    /// so they stay short.
    /// </summary>
    public const int MaxNameLength = 64;

    /// <summary>Checks every field of <paramref name="workload"/>; <paramref name="source"/> prefixes the message.</summary>
    public static void Validate(Workload workload, string source)
    {
        CheckKeys(workload.Keys, source);
        CheckThreads(workload.Threads, source);
        CheckReadPercent(workload.ReadPercent, source);
        CheckName(workload.Name, source);
    }

    /// <summary>
    /// A name is 1 to <see cref="MaxNameLength"/> ASCII letters, digits, <c>-</c>, <c>_</c> or <c>.</c>, starting with a
    /// letter or digit. The message never repeats a bad name: it may be huge or hold control characters.
    /// </summary>
    public static string CheckName(string? name, string source)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new UsageException($"{source}: workload name must not be empty");
        }

        if (name.Length > MaxNameLength)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{source}: workload name is {name.Length} characters long; at most {MaxNameLength} are allowed"));
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool allowed = char.IsAsciiLetterOrDigit(c) || (i > 0 && c is '-' or '_' or '.');
            if (!allowed)
            {
                throw new UsageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{source}: workload name has a character it may not have at position {i + 1}; use ASCII letters, digits, '-', '_' and '.', starting with a letter or digit"));
            }
        }

        return name;
    }

    /// <summary>Keys must be in 1..<see cref="MaxKeys"/>.</summary>
    public static int CheckKeys(long keys, string source) =>
        keys is < 1 or > MaxKeys
            ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{source}: keys must be between 1 and {MaxKeys} (got {keys})"))
            : (int)keys;

    /// <summary>Threads must be in 1..<see cref="MaxThreads"/>.</summary>
    public static int CheckThreads(long threads, string source) =>
        threads is < 1 or > MaxThreads
            ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{source}: threads must be between 1 and {MaxThreads} (got {threads})"))
            : (int)threads;

    /// <summary>The read share must be a number in 0..100.</summary>
    public static double CheckReadPercent(double readPercent, string source) =>
        double.IsNaN(readPercent) || readPercent < 0 || readPercent > 100
            ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{source}: read percent must be between 0 and 100 (got {readPercent})"))
            : readPercent;

    /// <summary>Parses <c>uniform</c> or <c>zipf</c> (case-insensitive).</summary>
    public static KeyDistribution ParseDistribution(string? text, string source) =>
        text?.Trim().ToUpperInvariant() switch
        {
            "UNIFORM" => KeyDistribution.Uniform,
            "ZIPF" => KeyDistribution.Zipf,
            _ => throw new UsageException($"{source}: distribution must be uniform or zipf (got '{text}')"),
        };

    /// <summary>The key shape names for help texts: <c>seq|random|string|url|guid</c>.</summary>
    public static string KeyShapeNames => string.Join("|", ShapedKeys.All.Select(ShapedKeys.NameOf));

    /// <summary>
    /// Parses a comma-separated list of key shapes (case-insensitive, e.g. <c>seq,string</c>). A shape named twice counts
    /// once; the result is in <see cref="ShapedKeys.All"/> order, so outputs do not depend on how the list was typed.
    /// </summary>
    public static IReadOnlyList<KeyShape> ParseKeyShapes(string? text, string source)
    {
        var wanted = new HashSet<KeyShape>();
        foreach (string name in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            wanted.Add(ShapedKeys.TryParse(name, out var shape)
                ? shape
                : throw new UsageException($"{source}: key shape must be {ChoiceList()} (got '{name}')"));
        }

        return wanted.Count == 0
            ? throw new UsageException($"{source}: name at least one key shape: {ChoiceList()}")
            : ShapedKeys.All.Where(wanted.Contains).ToList();
    }

    // "seq, random, string, url or guid"
    private static string ChoiceList()
    {
        var names = ShapedKeys.All.Select(ShapedKeys.NameOf).ToList();
        return string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
    }
}
