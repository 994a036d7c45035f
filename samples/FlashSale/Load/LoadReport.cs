using System.Globalization;

namespace FlashSale.Load;

/// <summary>What a load run measured.</summary>
/// <param name="Settings">What the run did.</param>
/// <param name="Target">The base address it sent requests to.</param>
/// <param name="Elapsed">From the first request sent to the last response read.</param>
/// <param name="Accepted">Orders answered 200.</param>
/// <param name="OutOfStock">Orders answered 409.</param>
/// <param name="OtherStatus">Orders answered with any other status.</param>
/// <param name="TransportErrors">Orders that got no HTTP answer (connection refused or reset, timeout).</param>
/// <param name="FirstProblem">The first unexpected status or transport error, for the report; null when none.</param>
/// <param name="Latency">Request latency percentiles over the answered orders.</param>
/// <param name="StockBefore">The SKU's stock before the run.</param>
/// <param name="StockAfter">The SKU's stock after the run.</param>
internal sealed record LoadReport(
    LoadSettings Settings,
    Uri Target,
    TimeSpan Elapsed,
    long Accepted,
    long OutOfStock,
    long OtherStatus,
    long TransportErrors,
    string? FirstProblem,
    LatencySummary Latency,
    int StockBefore,
    int StockAfter)
{
    /// <summary>Gets the answered orders.</summary>
    public long Requests => Accepted + OutOfStock + OtherStatus;

    /// <summary>Gets answered orders per second.</summary>
    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;

    /// <summary>Gets whether the units sold equal the stock that disappeared: nothing oversold, nothing lost.</summary>
    public bool StockBalances => (long)StockBefore - StockAfter == Accepted * Settings.Quantity;

    /// <summary>Gets whether every order was answered with 200 or 409.</summary>
    public bool AllAnswered => OtherStatus == 0 && TransportErrors == 0;

    /// <summary>Writes the report as a few aligned lines.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="stockChecked">Whether the stock balance is a check (only this run touched the SKU) or just shown.</param>
    public void Write(TextWriter writer, bool stockChecked)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CultureInfo c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c, $"requests  {Requests:N0} in {Elapsed.TotalSeconds:F2} s = {RequestsPerSecond:N0} req/s ({Settings.Concurrency} concurrent clients, {Settings.Quantity} unit(s) of {Settings.Sku} per order)"));
        writer.WriteLine(string.Create(c, $"status    200 accepted {Accepted:N0} · 409 out of stock {OutOfStock:N0} · other {OtherStatus:N0} · transport errors {TransportErrors:N0}"));
        writer.WriteLine(string.Create(c, $"latency   p50 {Latency.P50:F2} ms · p90 {Latency.P90:F2} ms · p99 {Latency.P99:F2} ms · max {Latency.Max:F2} ms"));
        string verdict = !stockChecked ? "not checked: other clients may share this service"
            : StockBalances ? "balances: no oversell"
            : "DOES NOT BALANCE: oversold or lost units";
        writer.WriteLine(string.Create(c, $"stock     {StockBefore:N0} before - {Accepted * Settings.Quantity:N0} sold = {(long)StockBefore - Accepted * Settings.Quantity:N0}; {StockAfter:N0} left ({verdict})"));
        if (FirstProblem is not null)
        {
            writer.WriteLine("problem   " + FirstProblem);
        }
    }
}
