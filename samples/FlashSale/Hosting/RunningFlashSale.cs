using FlashSale.Stock;

namespace FlashSale.Hosting;

/// <summary>A started FlashSale service; disposing it stops the server.</summary>
internal sealed class RunningFlashSale : IAsyncDisposable
{
    /// <summary>Wraps a started <paramref name="app"/> listening at <paramref name="baseAddress"/>.</summary>
    /// <param name="app">The started application.</param>
    /// <param name="baseAddress">The address it listens on, with the port the OS chose.</param>
    public RunningFlashSale(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Inventory = app.Services.GetRequiredService<IInventory>();
    }

    /// <summary>Gets the running application.</summary>
    public WebApplication App { get; }

    /// <summary>Gets the address the server listens on, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the inventory behind the endpoints.</summary>
    public IInventory Inventory { get; }

    /// <summary>Stops the server and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }
}
