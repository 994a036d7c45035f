using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MapGuard.Redis.Tests.Servers;

/// <summary>
/// A throwaway CA and a server certificate it issued, as PEM files in a temporary folder that disposing deletes: for
/// a redis-server with a TLS port (<see cref="RedisTestServer"/>) and a client that trusts the CA. Made with .NET's
/// <see cref="CertificateRequest"/>, so the tests need no openssl command. Valid from an hour ago for a day.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mapguard-tls-").FullName;

    /// <param name="serverNames">The names the server certificate is for (DNS names or IP addresses); by default
    /// <c>127.0.0.1</c> and <c>localhost</c>, where the test servers listen.</param>
    public TestCertificates(params string[] serverNames)
    {
        if (serverNames.Length == 0)
        {
            serverNames = ["127.0.0.1", "localhost"];
        }

        DateTimeOffset notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        DateTimeOffset notAfter = DateTimeOffset.UtcNow.AddDays(1);

        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=MapGuard throwaway test CA " + Guid.NewGuid().ToString("N")[..8], caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using ECDsa serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=" + serverNames[0], serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (string name in serverNames)
        {
            if (IPAddress.TryParse(name, out IPAddress? address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }
        }

        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // serverAuth
        using X509Certificate2 server = serverRequest.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));

        CaCertificateFile = Write("ca.crt", ca.ExportCertificatePem());
        ServerCertificateFile = Write("server.crt", server.ExportCertificatePem());
        ServerKeyFile = Write("server.key", serverKey.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The CA's certificate (PEM): what a client trusts.</summary>
    public string CaCertificateFile { get; }

    /// <summary>The server's certificate (PEM), issued by the CA.</summary>
    public string ServerCertificateFile { get; }

    /// <summary>The server's private key (PEM, PKCS#8, unencrypted; readable by this user only).</summary>
    public string ServerKeyFile { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // RACE(benign): a server may still hold a file open; the temp folder is cleaned up later by the OS.
        }
    }

    private string Write(string name, string pem)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, pem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }
}
