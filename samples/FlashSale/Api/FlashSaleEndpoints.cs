using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlashSale.Hosting;
using FlashSale.Security;
using FlashSale.Stock;
using MapGuard.Redis;

namespace FlashSale.Api;

/// <summary>
/// The HTTP API: <c>POST /orders</c>, <c>GET /stock/{sku}</c> and <c>POST /admin/restock</c>. Every error answers
/// with an <see cref="ErrorBody"/> that says what was wrong. Every <c>/admin</c> endpoint needs the admin key
/// (<see cref="AdminKeyAuthentication"/>). A POST body must be sent as <c>application/json</c> (else 415): a web page can
/// make a browser send <c>text/plain</c> or a form anywhere without asking, but not JSON to another origin.
/// </summary>
internal static class FlashSaleEndpoints
{
    /// <summary>The largest request body Kestrel accepts (else 413): an order or a restock is under 200 bytes.</summary>
    public const int MaxBodyBytes = 4_096;

    /// <summary>The body shape every POST expects, quoted in the error for a body that is not it.</summary>
    private const string ExpectedBody = "the body must be a JSON object like {\"sku\": \"sku-1\", \"quantity\": 1}";

    /// <summary>Maps the endpoints onto <paramref name="app"/>.</summary>
    /// <param name="app">The application.</param>
    public static void Map(WebApplication app)
    {
        app.Use(AnswerStoreFaultsAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPost("/orders", PostOrderAsync).AddEndpointFilter(RequireJsonAsync);
        app.MapGet("/stock/{sku}", GetStockAsync);

        // The group's policy and filter cover every endpoint mapped under /admin: the key first (401/403), then the body type (415).
        RouteGroupBuilder admin = app.MapGroup("/admin")
            .RequireAuthorization(AdminKeyAuthentication.PolicyName)
            .AddEndpointFilter(RequireJsonAsync);
        admin.MapPost("/restock", PostRestockAsync);
    }

    /// <summary>Makes the error response every endpoint and the admin scheme answer with.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="body">What went wrong.</param>
    /// <returns>The result that writes <paramref name="body"/> as JSON with <paramref name="statusCode"/>.</returns>
    public static IResult Error(int statusCode, ErrorBody body) =>
        Results.Json(body, FlashSaleJsonContext.Readable.ErrorBody, statusCode: statusCode);

    /// <summary>The request header that makes an order idempotent: the same key twice sells once and answers the same.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The response header on an answer replayed for a repeated idempotency key.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static async Task<IResult> PostOrderAsync(
        HttpRequest request, IInventory inventory, OrderLedger ledger, FlashSaleOptions options, CancellationToken cancellationToken)
    {
        (OrderRequest? order, IResult? invalid) = await ReadAsync(request, FlashSaleJsonContext.Readable.OrderRequest, cancellationToken).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (Validate(order!.Sku, order.Quantity) is { } badRequest)
        {
            return badRequest;
        }

        string sku = order.Sku!;
        int quantity = order.Quantity!.Value;
        int limit = options.MaxUnitsPerCustomer;
        if ((limit > 0 || order.Customer is not null) && !Skus.IsValid(order.Customer))
        {
            return Error(StatusCodes.Status400BadRequest, new ErrorBody(ErrorBody.CustomerRequired, sku, quantity));
        }

        string? key = null;
        if (request.Headers.TryGetValue(IdempotencyKeyHeader, out Microsoft.Extensions.Primitives.StringValues keys))
        {
            if (keys.Count != 1 || !Skus.IsValid(keys[0]))
            {
                return Error(StatusCodes.Status400BadRequest, new ErrorBody(ErrorBody.BadIdempotencyKey, sku, quantity));
            }

            key = keys[0]!;
            (bool claimed, int status, string? body) = await ledger.ClaimAsync(key, cancellationToken).ConfigureAwait(false);
            if (!claimed)
            {
                if (body is null)
                {
                    return Error(StatusCodes.Status409Conflict, new ErrorBody(ErrorBody.OrderInProgress, sku, quantity));
                }

                request.HttpContext.Response.Headers[ReplayedHeader] = "true";
                return Results.Text(body, "application/json", System.Text.Encoding.UTF8, status);
            }
        }

        (int Status, string Body) answer;
        try
        {
            answer = await SellAsync(inventory, ledger, sku, quantity, limit > 0 ? order.Customer : null, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (key is not null)
        {
            // Nothing changed (or the failure is ours to report again): free the key for a retry. An unknown outcome is
            // stored, so that a retry is told so instead of buying a second time.
            if (error is MapUnavailableException { MayHaveBeenApplied: true })
            {
                string unknown = JsonSerializer.Serialize(new ErrorBody(ErrorBody.StoreOutcomeUnknown, sku, quantity), FlashSaleJsonContext.Readable.ErrorBody);
                await ledger.CompleteAsync(key, StatusCodes.Status503ServiceUnavailable, unknown, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await ledger.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        if (key is not null)
        {
            await ledger.CompleteAsync(key, answer.Status, answer.Body, CancellationToken.None).ConfigureAwait(false);
        }

        return Results.Text(answer.Body, "application/json", System.Text.Encoding.UTF8, answer.Status);
    }

    /// <summary>Runs an order: the customer's reservation (when limited), then the stock; the answer as status and JSON.</summary>
    private static async Task<(int Status, string Body)> SellAsync(
        IInventory inventory, OrderLedger ledger, string sku, int quantity, string? customer, int limit, CancellationToken cancellationToken)
    {
        if (customer is not null && !await ledger.TryReserveAsync(customer, sku, quantity, limit, cancellationToken).ConfigureAwait(false))
        {
            return (StatusCodes.Status409Conflict, JsonSerializer.Serialize(new ErrorBody(ErrorBody.CustomerLimit, sku, quantity), FlashSaleJsonContext.Readable.ErrorBody));
        }

        OrderResult result;
        try
        {
            result = await inventory.OrderAsync(sku, quantity, cancellationToken).ConfigureAwait(false);
        }
        catch (MapUnavailableException error) when (customer is not null && !error.MayHaveBeenApplied)
        {
            await ledger.UnreserveAsync(customer, sku, quantity, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (result.Status != OrderStatus.Accepted && customer is not null)
        {
            await ledger.UnreserveAsync(customer, sku, quantity, CancellationToken.None).ConfigureAwait(false);
        }

        return result.Status switch
        {
            OrderStatus.Accepted => (StatusCodes.Status200OK, JsonSerializer.Serialize(new OrderAccepted(sku, quantity, result.Available), FlashSaleJsonContext.Readable.OrderAccepted)),
            OrderStatus.OutOfStock => (StatusCodes.Status409Conflict, JsonSerializer.Serialize(new ErrorBody(ErrorBody.OutOfStock, sku, quantity, result.Available), FlashSaleJsonContext.Readable.ErrorBody)),
            _ => (StatusCodes.Status404NotFound, JsonSerializer.Serialize(new ErrorBody(ErrorBody.UnknownSku, sku, quantity), FlashSaleJsonContext.Readable.ErrorBody)),
        };
    }

    private static async Task<IResult> GetStockAsync(string sku, IInventory inventory, CancellationToken cancellationToken)
    {
        if (!Skus.IsValid(sku))
        {
            return Error(StatusCodes.Status400BadRequest, new ErrorBody(Skus.InvalidMessage));
        }

        return await inventory.GetStockAsync(sku, cancellationToken).ConfigureAwait(false) is { } available
            ? Results.Json(new StockLevel(sku, available), FlashSaleJsonContext.Readable.StockLevel)
            : Error(StatusCodes.Status404NotFound, new ErrorBody(ErrorBody.UnknownSku, sku));
    }

    private static async Task<IResult> PostRestockAsync(HttpRequest request, IInventory inventory, CancellationToken cancellationToken)
    {
        (RestockRequest? restock, IResult? invalid) = await ReadAsync(request, FlashSaleJsonContext.Readable.RestockRequest, cancellationToken).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (Validate(restock!.Sku, restock.Quantity) is { } badRequest)
        {
            return badRequest;
        }

        string sku = restock.Sku!;
        int quantity = restock.Quantity!.Value;
        if (quantity > RestockRequest.MaxQuantity)
        {
            return Error(StatusCodes.Status400BadRequest, new ErrorBody(ErrorBody.RestockTooLarge, sku, quantity));
        }

        RestockResult result = await inventory.RestockAsync(sku, quantity, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            RestockStatus.Restocked => Results.Json(new StockLevel(sku, result.Available), FlashSaleJsonContext.Readable.StockLevel),
            RestockStatus.TooManySkus => Error(StatusCodes.Status409Conflict, new ErrorBody(ErrorBody.TooManySkus, sku, quantity)),
            _ => Error(StatusCodes.Status409Conflict, new ErrorBody(ErrorBody.StockOverflow, sku, quantity, result.Available)),
        };
    }

    /// <summary>Checks a SKU and quantity from a POST body: a 400 naming the first problem, or null when both are good.</summary>
    private static IResult? Validate(string? sku, int? quantity)
    {
        if (sku is null)
        {
            return Error(StatusCodes.Status400BadRequest, new ErrorBody("sku is required; " + ExpectedBody, Requested: quantity));
        }

        if (!Skus.IsValid(sku))
        {
            return Error(StatusCodes.Status400BadRequest, new ErrorBody(Skus.InvalidMessage, Requested: quantity));
        }

        if (quantity is not { } units)
        {
            return Error(StatusCodes.Status400BadRequest, new ErrorBody("quantity is required; " + ExpectedBody, sku));
        }

        return units < 1
            ? Error(StatusCodes.Status400BadRequest, new ErrorBody("quantity must be at least 1", sku, units))
            : null;
    }

    /// <summary>Refuses with 415 a request whose body is not declared as JSON, before the handler reads it.</summary>
    private static async ValueTask<object?> RequireJsonAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.HasJsonContentType()
            ? await next(context).ConfigureAwait(false)
            : Error(StatusCodes.Status415UnsupportedMediaType, new ErrorBody(ErrorBody.NotJson));

    /// <summary>Reads a JSON body, or makes the 400 that says why it could not.</summary>
    private static async Task<(T? Value, IResult? Invalid)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Error(StatusCodes.Status413PayloadTooLarge, new ErrorBody(ErrorBody.BodyTooLarge)));
        }
        catch (JsonException ex)
        {
            string where = ex.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
            return (null, Error(StatusCodes.Status400BadRequest, new ErrorBody($"invalid JSON{where}; {ExpectedBody}")));
        }

        return value is null
            ? (null, Error(StatusCodes.Status400BadRequest, new ErrorBody(ExpectedBody)))
            : (value, null);
    }

    /// <summary>
    /// Turns a shared stock store that cannot be reached (<see cref="MapUnavailableException"/>, thrown by a RedisMap
    /// within its timeout) into a 503 that says whether the request may have changed the stock, and a stock record the
    /// store holds in a form RedisMap did not write (<see cref="NonCanonicalValueException"/>) into a 500 that says so,
    /// naming the SKU: the request fails at once, with nothing changed, instead of retrying forever.
    /// </summary>
    private static async Task AnswerStoreFaultsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (MapUnavailableException ex) when (!context.Response.HasStarted)
        {
            var body = new ErrorBody(ex.MayHaveBeenApplied ? ErrorBody.StoreOutcomeUnknown : ErrorBody.StoreUnavailable);
            await Error(StatusCodes.Status503ServiceUnavailable, body).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (NonCanonicalValueException ex) when (!context.Response.HasStarted)
        {
            var body = new ErrorBody(ErrorBody.StockRecordCorrupt, ex.Key);
            await Error(StatusCodes.Status500InternalServerError, body).ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
