using System.Buffers;

namespace FlashSale.Api;

/// <summary>What a SKU may look like.</summary>
internal static class Skus
{
    /// <summary>The longest SKU accepted: a bound on key size, so one request cannot grow the map's memory much.</summary>
    public const int MaxLength = 64;

    /// <summary>The error for a SKU that breaks <see cref="IsValid"/>.</summary>
    public const string InvalidMessage = "sku must be 1 to 64 characters: letters, digits, '-', '_' or '.'";

    private static readonly SearchValues<char> s_allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>Whether <paramref name="sku"/> is 1 to <see cref="MaxLength"/> ASCII letters, digits, '-', '_' or '.'.</summary>
    /// <param name="sku">The candidate.</param>
    public static bool IsValid(string? sku) =>
        !string.IsNullOrEmpty(sku)
        && sku.Length <= MaxLength
        && sku.AsSpan().IndexOfAnyExcept(s_allowed) < 0;
}
