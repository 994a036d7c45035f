using System.Security.Claims;
using System.Text.Encodings.Web;
using FlashSale.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FlashSale.Security;

/// <summary>
/// The <c>AdminKey</c> authentication scheme: a request is the admin when it sends <c>Authorization: Bearer KEY</c>
/// with the <see cref="AdminKey"/>. A missing or wrong key is challenged with 401 and <c>WWW-Authenticate: Bearer</c>;
/// when no key is configured the challenge is 403, because no credential could succeed. Neither the configured nor a
/// presented key is ever written to the log or a response.
/// </summary>
internal sealed class AdminKeyAuthentication : AuthenticationHandler<AuthenticationSchemeOptions>
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "AdminKey";

    /// <summary>The authorization policy of the <c>/admin</c> endpoints: authenticated by this scheme.</summary>
    public const string PolicyName = "Admin";

    private const string BearerPrefix = "Bearer ";

    private readonly AdminKey _key;

    /// <summary>Creates the handler (the authentication middleware does, per request).</summary>
    /// <param name="options">The scheme options.</param>
    /// <param name="logger">The logger factory.</param>
    /// <param name="encoder">The URL encoder.</param>
    /// <param name="key">The configured admin key.</param>
    public AdminKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminKey key)
        : base(options, logger, encoder)
    {
        _key = key;
    }

    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!_key.IsConfigured)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string? authorization = Request.Headers.Authorization.Count == 1 ? Request.Headers.Authorization[0] : null;
        if (authorization is null || !authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // No credential of this scheme (none, several Authorization headers, or another scheme): challenged below.
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // The failure message is logged at Debug by the base class: it describes the key, never quotes it.
        if (!_key.Matches(authorization[BearerPrefix.Length..].Trim()))
        {
            return Task.FromResult(AuthenticateResult.Fail("the bearer token is not the admin key"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!_key.IsConfigured)
        {
            return FlashSaleEndpoints.Error(StatusCodes.Status403Forbidden, new ErrorBody(ErrorBody.AdminOff)).ExecuteAsync(Context);
        }

        Response.Headers[HeaderNames.WWWAuthenticate] = Request.Headers.Authorization.Count == 0 ? "Bearer" : "Bearer error=\"invalid_token\"";
        return FlashSaleEndpoints.Error(StatusCodes.Status401Unauthorized, new ErrorBody(ErrorBody.AdminKeyRequired)).ExecuteAsync(Context);
    }
}
