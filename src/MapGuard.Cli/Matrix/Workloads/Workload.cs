using System.Text.Json.Serialization;
using MapGuard.Cli.Matrix.Worker;

namespace MapGuard.Cli.Matrix.Workloads;

/// <summary>
/// One row of the matrix: a map pre-filled with <see cref="Keys"/> keys, hit by <see cref="Threads"/> threads that run
/// flat out, each operation a read (<c>TryGetValue</c>) with probability <see cref="ReadPercent"/> and otherwise a
/// write (indexer set) of an existing key. The matrix runs each workload once per selected <see cref="KeyShape"/>; a cell is
/// identified by (<see cref="Name"/>, <see cref="KeyShape"/>).
/// </summary>
/// <param name="Name">The name shown in the matrix, e.g. <c>hot-read</c>.</param>
/// <param name="Keys">How many keys the map holds; every operation hits one of them.</param>
/// <param name="ReadPercent">The share of reads, 0 to 100.</param>
/// <param name="Threads">How many threads run operations at once.</param>
/// <param name="Distribution">How each operation picks its key.</param>
/// <param name="KeyShape">The keys: their type and how they are made.</param>
internal sealed record Workload(
    string Name,
    int Keys,
    double ReadPercent,
    int Threads,
    KeyDistribution Distribution,
    KeyShape KeyShape)
{
    /// <summary>The Zipf exponent s used by <see cref="KeyDistribution.Zipf"/> (the cache workload).</summary>
    public const double ZipfExponent = 0.99;

    /// <summary>The lower-case name of <see cref="Distribution"/>, as in the JSON and on the command line.</summary>
    [JsonIgnore]
    public string DistributionName => Distribution == KeyDistribution.Zipf ? "zipf" : "uniform";

    /// <summary>The lower-case name of <see cref="KeyShape"/>, as in the JSON and on the command line.</summary>
    [JsonIgnore]
    public string KeyShapeName => ShapedKeys.NameOf(KeyShape);
}
