namespace MapGuard.Cli.Matrix.Workloads;

/// <summary>One workload as written in a profile file. Every field is optional here; <see cref="ProfileLoader"/> checks them.</summary>
internal sealed class ProfileWorkload
{
    /// <summary>The workload name (required).</summary>
    public string? Name { get; set; }

    /// <summary>The number of keys (required).</summary>
    public long? Keys { get; set; }

    /// <summary>The read share in percent (required).</summary>
    public double? ReadPercent { get; set; }

    /// <summary>The thread count; 2 when absent.</summary>
    public int? Threads { get; set; }

    /// <summary><c>uniform</c> (the default) or <c>zipf</c>.</summary>
    public string? Distribution { get; set; }

    /// <summary>
    /// The key shapes to run this workload on, as for <c>--key-shape</c> (<c>"seq"</c> or <c>"seq,string"</c>); the
    /// <c>--key-shape</c> selection when absent.
    /// </summary>
    public string? KeyShape { get; set; }
}
