namespace MapGuard.Cli.Matrix.Workloads;

/// <summary>The key type a workload runs with. Values are always <see cref="long"/>.</summary>
internal enum KeyType
{
    /// <summary><see cref="long"/> keys, scrambled so consecutive indexes do not hash to consecutive buckets.</summary>
    Long,

    /// <summary>16-character <see cref="string"/> keys; lookups use distinct but equal instances.</summary>
    String,
}
