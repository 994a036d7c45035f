using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MapGuard.Cli.Matrix.Workloads;

/// <summary>
/// Reads a <c>--profile</c> file into workloads. A missing file, bad JSON, a missing field or an out-of-range value
/// each become a one-line <see cref="UsageException"/> naming the file and the workload.
/// </summary>
internal static class ProfileLoader
{
    /// <summary>The most workloads one profile may hold; each costs a child process per map and round.</summary>
    public const int MaxWorkloads = 64;

    /// <summary>
    /// The largest profile read, in bytes: 64 workloads take a few KB, and a cap keeps a wrong path such as
    /// <c>/dev/zero</c> from filling memory.
    /// </summary>
    public const int MaxProfileBytes = 1 << 20;

    /// <summary>Loads and validates the profile at <paramref name="path"/>.</summary>
    public static IReadOnlyList<Workload> Load(string path, IReadOnlyList<KeyShape> defaultKeyShapes)
    {
        string json;
        try
        {
            json = ReadCapped(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--profile: cannot read '{path}': {OneLine(ex.Message)}", ex);
        }

        return Parse(json, path, defaultKeyShapes);
    }

    // Reads one byte past the cap, whatever the file claims its length is (a device or a pipe claims 0).
    private static string ReadCapped(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        byte[] bytes = new byte[MaxProfileBytes + 1];
        int length = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (length > MaxProfileBytes)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"--profile: '{path}' is larger than {MaxProfileBytes >> 20} MiB; a profile is a short JSON list of workloads"));
        }

        using var reader = new StreamReader(new MemoryStream(bytes, 0, length), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Parses profile text; <paramref name="path"/> is only used in messages. Each workload comes back once per key
    /// shape: its own <c>keyShape</c> list, or <paramref name="defaultKeyShapes"/> when it has none.
    /// </summary>
    public static IReadOnlyList<Workload> Parse(string json, string path, IReadOnlyList<KeyShape> defaultKeyShapes)
    {
        List<ProfileWorkload>? items;
        try
        {
            items = StartsWithArray(json)
                ? JsonSerializer.Deserialize(json, MatrixJsonContext.Default.ListProfileWorkload)
                : JsonSerializer.Deserialize(json, MatrixJsonContext.Default.ProfileDocument)?.Workloads;
        }
        catch (JsonException ex)
        {
            throw new UsageException($"--profile: '{path}' is not a valid profile: {OneLine(ex.Message)}", ex);
        }

        if (items is null || items.Count == 0)
        {
            throw new UsageException($"--profile: '{path}' holds no workloads; expected {{\"workloads\": [{{\"name\", \"keys\", \"readPercent\", ...}}]}}");
        }

        if (items.Count > MaxWorkloads)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--profile: '{path}' holds {items.Count} workloads; at most {MaxWorkloads} are allowed"));
        }

        var workloads = new List<Workload>(items.Count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            string where = string.Create(CultureInfo.InvariantCulture, $"--profile: '{path}' workload #{i + 1}");
            if (item is null)
            {
                throw new UsageException($"{where} is null");
            }

            string name = string.IsNullOrWhiteSpace(item.Name) ? throw new UsageException($"{where} has no \"name\"") : item.Name.Trim();
            WorkloadLimits.CheckName(name, where);
            where = $"--profile: '{path}' workload '{name}'";
            if (!names.Add(name))
            {
                throw new UsageException($"{where} appears twice");
            }

            long keys = item.Keys ?? throw new UsageException($"{where} has no \"keys\"");
            double read = item.ReadPercent ?? throw new UsageException($"{where} has no \"readPercent\"");
            var workload = new Workload(
                name,
                WorkloadLimits.CheckKeys(keys, where),
                WorkloadLimits.CheckReadPercent(read, where),
                WorkloadLimits.CheckThreads(item.Threads ?? 2, where),
                item.Distribution is null ? KeyDistribution.Uniform : WorkloadLimits.ParseDistribution(item.Distribution, where),
                KeyShape.Random);
            var shapes = item.KeyShape is null ? defaultKeyShapes : WorkloadLimits.ParseKeyShapes(item.KeyShape, where);
            workloads.AddRange(StandardWorkloads.ForShapes([workload], shapes));
        }

        return workloads;
    }

    // The first token, skipping comments: a bare array of workloads or the {"workloads": [...]} object.
    private static bool StartsWithArray(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        return reader.Read() && reader.TokenType == JsonTokenType.StartArray;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
