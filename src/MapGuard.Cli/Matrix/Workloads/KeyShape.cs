namespace MapGuard.Cli.Matrix.Workloads;

/// <summary>
/// The keys a workload runs with: the shapes real services key their shared state by (docs/design/matrix.md). Values are always <see cref="long"/>. <see cref="Worker.ShapedKeys"/> builds the keys of each
/// shape; this file and that one are also compiled into the BenchmarkDotNet project, so both tools use the same keys.
/// </summary>
internal enum KeyShape
{
    /// <summary><c>seq</c>: <see cref="long"/> keys 0..n-1, like database IDs; ConcurrentDictionary's best case.</summary>
    Seq,

    /// <summary><c>random</c>: <see cref="long"/> keys scrambled by SplitMix64, distinct but in no order.</summary>
    Random,

    /// <summary><c>string</c>: 15-character strings sharing a prefix, <c>order-000012345</c>.</summary>
    String,

    /// <summary><c>url</c>: URL-like strings of 60 to 80 characters sharing a 33-character prefix.</summary>
    Url,

    /// <summary><c>guid</c>: <see cref="System.Guid"/> keys with 128 scrambled bits.</summary>
    Guid,
}
