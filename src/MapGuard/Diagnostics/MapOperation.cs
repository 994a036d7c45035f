namespace MapGuard.Diagnostics;

/// <summary>The <c>op</c> tag of <see cref="MapGuardMeter.Operations"/>.</summary>
internal enum MapOperation
{
    Get,
    Set,
    Add,
    Remove,
    Update,
}

/// <summary>The <c>result</c> tag of <see cref="MapGuardMeter.Operations"/>.</summary>
internal enum MapOutcome
{
    Hit,
    Miss,
    Stored,
    Rejected,
}
