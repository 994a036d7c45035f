using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace FlashSale.Load;

/// <summary>
/// Keeps the load command on this machine: a <c>--url</c> must name a loopback address, and the HTTP client it gets
/// connects only to loopback addresses, follows no redirects and uses no proxy.
/// </summary>
internal static class LoopbackTarget
{
    /// <summary>
    /// Parses <paramref name="text"/> as an <c>http://</c> URL on a loopback host: <c>127.0.0.0/8</c>, <c>[::1]</c> or
    /// <c>localhost</c>.
    /// </summary>
    /// <param name="text">The URL.</param>
    /// <returns>The URL, ending in '/'.</returns>
    /// <exception cref="UsageException">It is not an absolute http URL, or its host is not loopback.</exception>
    public static Uri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new UsageException($"--url: '{text}' is not an http:// URL (for example http://127.0.0.1:5080)");
        }

        if (!IsLoopbackHost(uri))
        {
            throw new UsageException($"--url: '{uri.Host}' is not a loopback address; the load command only targets 127.0.0.0/8, [::1] or localhost, never another machine");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    /// <summary>
    /// An HTTP client for <paramref name="baseAddress"/> whose connections can only reach loopback addresses (a name
    /// that resolves elsewhere fails to connect), with up to <paramref name="connections"/> connections.
    /// </summary>
    /// <param name="baseAddress">A loopback base address.</param>
    /// <param name="connections">The most connections to keep open.</param>
    public static HttpClient CreateClient(Uri baseAddress, int connections)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = connections,
            ConnectCallback = ConnectToLoopbackAsync,
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    private static bool IsLoopbackHost(Uri uri) =>
        uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? IPAddress.TryParse(uri.IdnHost, out IPAddress? address) && IPAddress.IsLoopback(address)
            : string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase);

    private static async ValueTask<Stream> ConnectToLoopbackAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        IPAddress address = Array.Find(addresses, IPAddress.IsLoopback)
            ?? throw new HttpRequestException($"'{context.DnsEndPoint.Host}' does not resolve to a loopback address; the load command refuses to connect.");
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
