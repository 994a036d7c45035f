using System.Globalization;
using System.Text;
using MapGuard.Cli.Matrix.Worker;

namespace MapGuard.Cli.HitRate;

/// <summary>The synthetic traces <c>mapguard hitrate</c> replays, and the reader for trace files.</summary>
internal static class KeyTraces
{
    /// <summary>Share of a scan-polluted trace's accesses that belong to one-off scans.</summary>
    public const double ScanShare = 0.3;

    /// <summary>Keys per scan burst in the scan-polluted trace.</summary>
    public const int ScanLength = 2_000;

    /// <summary>Accesses drawn from Zipf(<paramref name="s"/>) over <paramref name="keySpace"/> keys.</summary>
    public static KeyTrace Zipf(double s, int keySpace, int length, int seed)
    {
        var zipf = new ZipfGenerator(keySpace, s);
        var random = new Random(seed);
        var keys = new long[length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = Scramble(zipf.Next(random.NextDouble()));
        }

        return new KeyTrace(string.Create(CultureInfo.InvariantCulture, $"zipf-{s}"), keys, keySpace);
    }

    /// <summary>
    /// Zipf(0.99) accesses with bursts of <see cref="ScanLength"/> never-repeated keys making up <see cref="ScanShare"/>
    /// of the trace: the pattern (a batch job, a crawler) that flushes a recency-only cache.
    /// </summary>
    public static KeyTrace ScanPolluted(int keySpace, int length, int seed)
    {
        var zipf = new ZipfGenerator(keySpace, 0.99);
        var random = new Random(seed);
        var keys = new long[length];
        int zipfRun = (int)(ScanLength * (1 - ScanShare) / ScanShare);
        long nextScanKey = -1; // scan keys are negative, disjoint from the Zipf keys
        for (int i = 0; i < keys.Length;)
        {
            for (int z = 0; z < zipfRun && i < keys.Length; z++)
            {
                keys[i++] = Scramble(zipf.Next(random.NextDouble()));
            }

            for (int c = 0; c < ScanLength && i < keys.Length; c++)
            {
                keys[i++] = nextScanKey--;
            }
        }

        return new KeyTrace("scan-mix", keys, keySpace);
    }

    /// <summary>The longest line a trace file may have: a key is a short name or a number.</summary>
    public const int MaxLineLength = 1_024;

    /// <summary>The most accesses a trace file may hold, as for <c>--length</c>: 4 GB of keys in memory.</summary>
    public const int MaxAccesses = 500_000_000;

    /// <summary>
    /// Reads a trace file: one key per line (<see cref="TraceFormat.Keys"/>; numeric keys are used as they are, any
    /// other text names a key) or the ARC traces' <see cref="TraceFormat.Lis"/> format, where a line is a run of
    /// consecutive blocks. A name ending in <c>.zst</c> is expanded through the <c>zstd</c> tool. Blank lines and lines
    /// starting with '#' are skipped. Lines longer than <see cref="MaxLineLength"/> and files with more than
    /// <see cref="MaxAccesses"/> accesses are refused, so a wrong path such as <c>/dev/zero</c> cannot fill memory.
    /// </summary>
    /// <exception cref="UsageException">The file is missing, unreadable, not a trace in its format, or has no keys.</exception>
    public static KeyTrace FromFile(string path, CancellationToken cancellationToken) => FromFile(path, TraceFormat.Auto, cancellationToken);

    /// <inheritdoc cref="FromFile(string, CancellationToken)"/>
    public static KeyTrace FromFile(string path, TraceFormat format, CancellationToken cancellationToken)
    {
        string name = TraceStream.IsCompressed(path) ? Path.GetFileNameWithoutExtension(path) : Path.GetFileName(path);
        if (format == TraceFormat.Auto)
        {
            format = name.EndsWith(".lis", StringComparison.OrdinalIgnoreCase) ? TraceFormat.Lis : TraceFormat.Keys;
        }

        var keys = new List<long>();
        var distinct = new HashSet<long>();
        try
        {
            using TraceStream stream = TraceStream.Open(path);
            ReadAccesses(path, stream.Reader, format, keys, cancellationToken);
            stream.ThrowIfIncomplete();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"--trace: file '{path}' does not exist", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
            or System.ComponentModel.Win32Exception)
        {
            throw new UsageException($"--trace: cannot read '{path}': {ex.Message.ReplaceLineEndings(" ")}", ex);
        }

        foreach (long key in keys)
        {
            distinct.Add(key);
        }

        return keys.Count == 0
            ? throw new UsageException($"--trace: '{path}' has no keys")
            : new KeyTrace(name, [.. keys], distinct.Count);
    }

    private static void ReadAccesses(string path, StreamReader reader, TraceFormat format, List<long> keys, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, long>(StringComparer.Ordinal);
        var line = new StringBuilder();
        long lineNumber = 0;
        while (ReadLine(reader, line, out bool tooLong))
        {
            lineNumber++;
            if ((lineNumber & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (tooLong)
            {
                throw new UsageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--trace: '{path}' line {lineNumber} is longer than {MaxLineLength} characters; a trace has one access or run per line"));
            }

            string text = line.ToString().Trim();
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            (long first, long count) = format == TraceFormat.Lis ? ParseRun(path, lineNumber, text) : (ParseKey(text, names), 1);
            if (keys.Count + count > MaxAccesses)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--trace: '{path}' has more than {MaxAccesses:N0} accesses"));
            }

            for (long i = 0; i < count; i++)
            {
                keys.Add(first + i);
            }
        }
    }

    private static long ParseKey(string text, Dictionary<string, long> names)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long key))
        {
            if (!names.TryGetValue(text, out key))
            {
                key = long.MinValue + names.Count; // text keys get their own range
                names.Add(text, key);
            }
        }

        return key;
    }

    // A .lis line: start_block block_count [ignored [request_number]]; the run must not pass long.MaxValue.
    private static (long First, long Count) ParseRun(string path, long lineNumber, string text)
    {
        string[] fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is >= 2 and <= 4
            && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long first)
            && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long count)
            && count is >= 1 and <= MaxAccesses
            && first <= long.MaxValue - (count - 1))
        {
            return (first, count);
        }

        throw new UsageException(string.Create(
            CultureInfo.InvariantCulture,
            $"--trace: '{path}' line {lineNumber} is not a .lis run (start_block block_count ignored request_number, whole numbers, count at least 1); use --format keys for one key per line"));
    }

    // Reads one line into `line`, without its '\n'. It stops storing at MaxLineLength characters and reports a longer
    // line instead of reading on, so one endless line (/dev/zero) costs no memory. False at the end of the file.
    private static bool ReadLine(StreamReader reader, StringBuilder line, out bool tooLong)
    {
        line.Clear();
        tooLong = false;
        int c = reader.Read();
        if (c < 0)
        {
            return false;
        }

        for (; c >= 0 && c != '\n'; c = reader.Read())
        {
            if (line.Length < MaxLineLength)
            {
                line.Append((char)c);
            }
            else
            {
                tooLong = true;
                return true;
            }
        }

        return true;
    }

    // Ranks 0, 1, 2... would be consecutive keys; a bijective scramble keeps hot keys apart in every hash table.
    private static long Scramble(int rank) => (long)((ulong)(rank + 1) * 0x9E3779B97F4A7C15UL);
}
