namespace MapGuard.Cli.Matrix.Workloads;

/// <summary>How a workload picks the key of each operation.</summary>
internal enum KeyDistribution
{
    /// <summary>Every key is equally likely.</summary>
    Uniform,

    /// <summary>Zipf with exponent <see cref="Workload.ZipfExponent"/>: a few hot keys take most operations, like a cache.</summary>
    Zipf,
}
