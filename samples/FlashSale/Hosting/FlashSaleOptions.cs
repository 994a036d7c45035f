namespace FlashSale.Hosting;

/// <summary>The service's settings, from the <c>FlashSale</c> configuration section (appsettings.json, environment, command line).</summary>
internal sealed class FlashSaleOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FlashSale";

    /// <summary>
    /// Gets or sets the name of the stock map: the <c>map</c> tag on its metrics in this process, and on a Redis store
    /// the hash <c>mapguard:{name}</c> every instance shares. Default <c>stock</c>.
    /// </summary>
    public string MapName { get; set; } = "stock";

    /// <summary>
    /// Gets or sets where the stock lives: <c>memory</c> (the default, also when unset) for a map in this process, or
    /// <c>redis://HOST:PORT</c> (<c>rediss://HOST:PORT</c> for TLS) for a <c>RedisMap</c> on a Redis or Garnet server
    /// that several instances share. Set it
    /// with <c>--store</c>, <c>--FlashSale:Store</c> or the environment variable <c>FlashSale__Store</c>.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>
    /// Gets or sets the user a <c>redis://</c> or <c>rediss://</c> store authenticates as (Redis 6 ACL); null for the default user. Credentials
    /// never go in the store URL (which is logged): set them here, through the environment (<c>FlashSale__StoreUser</c>,
    /// <c>FlashSale__StorePassword</c>) or a secret store.
    /// </summary>
    public string? StoreUser { get; set; }

    /// <summary>
    /// Gets or sets the password a <c>redis://</c> or <c>rediss://</c> store authenticates with (<c>AUTH</c>; the server's <c>requirepass</c>
    /// or the ACL user's password). Never logged or printed.
    /// </summary>
    public string? StorePassword { get; set; }

    /// <summary>
    /// Gets or sets a PEM file of the CA certificates a <c>rediss://</c> store's certificate must chain to, instead of the
    /// system's roots: for a private or test CA. Unset, the system roots decide. The certificate must also name the
    /// store's host; there is no setting that skips the check. Set with a <c>redis://</c> store, start-up fails.
    /// </summary>
    public string? StoreCaCertificate { get; set; }

    /// <summary>
    /// Gets or sets the admin API key: <c>POST /admin/restock</c> needs <c>Authorization: Bearer KEY</c>. There is no
    /// default; unset, the admin endpoints answer 403 to everyone. At least 16 characters. Set it with the environment
    /// variable <c>FlashSale__AdminApiKey</c> or a secret store rather than the command line, where other users of the
    /// machine can read it.
    /// </summary>
    public string? AdminApiKey { get; set; }

    /// <summary>
    /// Gets or sets the most SKUs a restock may create (default <see cref="Stock.MapGuardInventory.DefaultMaxSkus"/>): a
    /// stolen or mistyped admin key cannot fill the store with SKUs. Seeded SKUs count towards it but are never refused.
    /// </summary>
    public int MaxSkus { get; set; } = Stock.MapGuardInventory.DefaultMaxSkus;

    /// <summary>
    /// Gets or sets the most units of one SKU one customer may buy, over all their orders and all instances; 0 (the
    /// default) for no limit. When set, every order must name its <c>customer</c>.
    /// </summary>
    public int MaxUnitsPerCustomer { get; set; }

    /// <summary>
    /// Gets the stock each SKU starts with (SKU to units, each at least 1). A SKU the store already holds keeps its
    /// stock: on a shared store, the first instance seeds it and the others find it.
    /// </summary>
    public Dictionary<string, int> Seed { get; } = new(StringComparer.Ordinal);
}
