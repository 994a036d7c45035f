namespace FlashSale.Tests;

/// <summary>One sample line of a Prometheus scrape.</summary>
internal sealed record PrometheusSample(string Name, Dictionary<string, string> Labels, double Value)
{
    /// <summary>Whether every label in <paramref name="labels"/> ("name=value" pairs) is on this sample.</summary>
    public bool Has(params string[] labels) =>
        labels.All(pair => pair.Split('=', 2) is [string name, string value] && Labels.GetValueOrDefault(name) == value);
}
