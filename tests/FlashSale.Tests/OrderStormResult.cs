using System.Net;
using System.Text.Json;

namespace FlashSale.Tests;

/// <summary>Every answer of an <see cref="OrderStorm"/>, and the checks a correct flash sale passes.</summary>
internal sealed record OrderStormResult(string Sku, (HttpStatusCode Status, string Body)[] Responses)
{
    public int Accepted => Responses.Count(r => r.Status == HttpStatusCode.OK);

    public int Conflicts => Responses.Count(r => r.Status == HttpStatusCode.Conflict);

    /// <summary>Gets the most orders the clients had in flight at once.</summary>
    public int PeakInFlight { get; init; }

    /// <summary>Gets, for each response, the index of the instance that answered it (all 0 for one instance).</summary>
    public int[] ServedBy { get; init; } = [];

    /// <summary>The orders instance <paramref name="instance"/> answered, and how many of them it accepted.</summary>
    public (int Orders, int Accepted) Of(int instance)
    {
        int orders = 0, accepted = 0;
        for (int i = 0; i < ServedBy.Length; i++)
        {
            if (ServedBy[i] == instance)
            {
                orders++;
                accepted += Responses[i].Status == HttpStatusCode.OK ? 1 : 0;
            }
        }

        return (orders, accepted);
    }

    /// <summary>
    /// What is wrong with the answers to orders of one unit against <paramref name="stock"/> units, or nothing:
    /// exactly <paramref name="stock"/> orders accepted, each leaving a different remainder from stock - 1 down to 0
    /// (no unit sold twice); every other order a 409 saying "out of stock" with 0 available; no other status.
    /// </summary>
    public List<string> Problems(int stock)
    {
        var problems = new List<string>();
        if (Accepted != stock)
        {
            problems.Add($"{Accepted} orders accepted for {stock} units");
        }

        int[] remainders = [.. Responses.Where(r => r.Status == HttpStatusCode.OK).Select(r => Read(r.Body).GetProperty("remaining").GetInt32()).Order()];
        int[] expected = [.. Enumerable.Range(0, stock)];
        if (!remainders.SequenceEqual(expected))
        {
            int duplicates = remainders.Length - remainders.Distinct().Count();
            problems.Add($"accepted orders' remainders are not exactly {stock - 1}..0: {duplicates} duplicate(s), e.g. {string.Join(", ", remainders.Take(10))}");
        }

        foreach ((HttpStatusCode status, string body) in Responses.Where(r => r.Status == HttpStatusCode.Conflict))
        {
            JsonElement json = Read(body);
            if (json.GetProperty("error").GetString() != "out of stock"
                || json.GetProperty("sku").GetString() != Sku
                || json.GetProperty("requested").GetInt32() != 1
                || json.GetProperty("available").GetInt32() != 0)
            {
                problems.Add($"unclear 409 body: {body}");
                break;
            }
        }

        foreach (var other in Responses.Where(r => r.Status is not HttpStatusCode.OK and not HttpStatusCode.Conflict).Take(3))
        {
            problems.Add($"unexpected HTTP {(int)other.Status}: {other.Body}");
        }

        return problems;
    }

    private static JsonElement Read(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
