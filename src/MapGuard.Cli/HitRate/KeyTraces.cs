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
    /// Reads a trace file with one key per line. Numeric keys are used as they are; any other text names a key. Blank
    /// lines and lines starting with '#' are skipped. Lines longer than <see cref="MaxLineLength"/> and files with more
    /// than <see cref="MaxAccesses"/> keys are refused, so a wrong path such as <c>/dev/zero</c> cannot fill memory.
    /// </summary>
    /// <exception cref="UsageException">The file is missing, unreadable, not a trace, or has no keys.</exception>
    public static KeyTrace FromFile(string path, CancellationToken cancellationToken)
    {
        var keys = new List<long>();
        var names = new Dictionary<string, long>(StringComparer.Ordinal);
        var distinct = new HashSet<long>();
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var line = new StringBuilder();
            long lineNumber = 0;
            while (ReadLine(reader, line, out bool tooLong))
            {
                cancellationToken.ThrowIfCancellationRequested();
                lineNumber++;
                if (tooLong)
                {
                    throw new UsageException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"--trace: '{path}' line {lineNumber} is longer than {MaxLineLength} characters; a trace has one key per line"));
                }

                string text = line.ToString().Trim();
                if (text.Length == 0 || text[0] == '#')
                {
                    continue;
                }

                if (keys.Count == MaxAccesses)
                {
                    throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--trace: '{path}' has more than {MaxAccesses:N0} keys"));
                }

                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long key))
                {
                    if (!names.TryGetValue(text, out key))
                    {
                        key = long.MinValue + names.Count; // text keys get their own range
                        names.Add(text, key);
                    }
                }

                keys.Add(key);
                distinct.Add(key);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"--trace: file '{path}' does not exist", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--trace: cannot read '{path}': {ex.Message.ReplaceLineEndings(" ")}", ex);
        }

        return keys.Count == 0
            ? throw new UsageException($"--trace: '{path}' has no keys")
            : new KeyTrace(Path.GetFileName(path), [.. keys], distinct.Count);
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
