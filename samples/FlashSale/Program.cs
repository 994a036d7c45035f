using FlashSale.Hosting;
using FlashSale.Load;

namespace FlashSale;

/// <summary>
/// The entry point: <c>dotnet run --project samples/FlashSale</c> serves the API;
/// <c>dotnet run --project samples/FlashSale -- load --seconds 10</c> runs the bounded loopback load test.
/// </summary>
internal static class Program
{
    /// <summary>Serves, or runs the <c>load</c> command when it is the first argument.</summary>
    /// <param name="args">Host arguments (<c>--urls</c>, configuration keys), or <c>load</c> and its options.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == LoadCommand.Name)
        {
            using var cancellation = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = !cancellation.IsCancellationRequested;
                cancellation.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                return await LoadCommand.RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }

        WebApplication app = FlashSaleApp.Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
