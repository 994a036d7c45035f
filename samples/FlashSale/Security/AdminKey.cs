using System.Security.Cryptography;
using System.Text;

namespace FlashSale.Security;

/// <summary>
/// The admin API key from <c>FlashSale:AdminApiKey</c> (environment <c>FlashSale__AdminApiKey</c>). There is no default:
/// with no key set, no request can authenticate and every <c>/admin</c> request gets 403. Only the key's SHA-256 digest
/// is kept, and a presented key is compared by its digest with
/// <see cref="CryptographicOperations.FixedTimeEquals(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>, so the time a
/// comparison takes depends on neither the key's characters nor its length.
/// </summary>
internal sealed class AdminKey
{
    /// <summary>The configuration key that holds the admin key.</summary>
    public const string SettingName = "FlashSale:AdminApiKey";

    /// <summary>The shortest key accepted: 16 random characters are beyond guessing over HTTP; a word is not.</summary>
    public const int MinLength = 16;

    private readonly byte[]? _digest;

    /// <summary>Keeps the digest of <paramref name="key"/>; null or empty leaves the admin endpoints off.</summary>
    /// <param name="key">The configured key, or null.</param>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> is shorter than <see cref="MinLength"/>
    /// characters (the message names the setting, never the key).</exception>
    public AdminKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return;
        }

        if (key.Length < MinLength)
        {
            throw new InvalidOperationException(
                $"{SettingName} is too short: use at least {MinLength} characters of random text (for example from `openssl rand -hex 32`), or leave it unset to turn the admin endpoints off.");
        }

        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>Gets a value indicating whether a key is configured; without one the admin endpoints are off.</summary>
    public bool IsConfigured => _digest is not null;

    /// <summary>Whether <paramref name="presented"/> is the configured key, in time independent of both.</summary>
    /// <param name="presented">The key a request presented.</param>
    /// <returns>False when no key is configured.</returns>
    public bool Matches(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        if (_digest is null)
        {
            return false;
        }

        // Digests of equal length: FixedTimeEquals then compares every byte, so neither a shared prefix nor a length
        // difference shows in the timing.
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(digest, _digest);
    }
}
