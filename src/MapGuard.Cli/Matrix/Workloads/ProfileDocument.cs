namespace MapGuard.Cli.Matrix.Workloads;

/// <summary>A profile file: <c>{"workloads": [...]}</c>. A bare JSON array of workloads is accepted too.</summary>
internal sealed class ProfileDocument
{
    /// <summary>The workloads, in the order the matrix shows them.</summary>
    public List<ProfileWorkload>? Workloads { get; set; }
}
