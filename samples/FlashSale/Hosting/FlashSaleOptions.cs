namespace FlashSale.Hosting;

/// <summary>The service's settings, from the <c>FlashSale</c> configuration section (appsettings.json, environment, command line).</summary>
internal sealed class FlashSaleOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FlashSale";

    /// <summary>Gets or sets the name of the stock map: the <c>map</c> tag on its metrics. Default <c>stock</c>.</summary>
    public string MapName { get; set; } = "stock";

    /// <summary>Gets the stock each SKU starts with (SKU to units, each at least 1).</summary>
    public Dictionary<string, int> Seed { get; } = new(StringComparer.Ordinal);
}
