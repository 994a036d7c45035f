using System.Globalization;
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

    /// <summary>
    /// Reads a trace file with one key per line. Numeric keys are used as they are; any other text names a key. Blank
    /// lines and lines starting with '#' are skipped.
    /// </summary>
    /// <exception cref="UsageException">The file is missing, unreadable or has no keys.</exception>
    public static KeyTrace FromFile(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--trace: file '{path}' does not exist");
        }

        var keys = new List<long>();
        var names = new Dictionary<string, long>(StringComparer.Ordinal);
        var distinct = new HashSet<long>();
        try
        {
            foreach (string raw in File.ReadLines(path))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                if (!long.TryParse(line, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long key))
                {
                    if (!names.TryGetValue(line, out key))
                    {
                        key = long.MinValue + names.Count; // text keys get their own range
                        names.Add(line, key);
                    }
                }

                keys.Add(key);
                distinct.Add(key);
            }
        }
        catch (IOException ex)
        {
            throw new UsageException($"--trace: cannot read '{path}': {ex.Message}");
        }

        return keys.Count == 0
            ? throw new UsageException($"--trace: '{path}' has no keys")
            : new KeyTrace(Path.GetFileName(path), [.. keys], distinct.Count);
    }

    // Ranks 0, 1, 2... would be consecutive keys; a bijective scramble keeps hot keys apart in every hash table.
    private static long Scramble(int rank) => (long)((ulong)(rank + 1) * 0x9E3779B97F4A7C15UL);
}
