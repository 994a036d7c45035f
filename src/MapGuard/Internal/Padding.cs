using System.Runtime.InteropServices;

namespace MapGuard.Internal;

/// <summary>
/// 64 bytes of nothing. Placed in a heap object so that neighbouring objects' hot fields do not share
/// a cache line with it (false sharing).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = CacheLineSize)]
internal struct Padding64
{
    /// <summary>Cache line size of x64 and most ARM64 parts.</summary>
    public const int CacheLineSize = 64;
}
