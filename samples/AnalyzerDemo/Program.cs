using MapGuard;
using Microsoft.Extensions.DependencyInjection;

namespace AnalyzerDemo;

/// <summary>Each method holds one hazard; the comment names the rule that reports it on `dotnet build`.</summary>
public static class Program
{
    // MG1002: a static collection, mutated outside a lock.
    private static readonly List<string> s_log = [];

    public static async Task Main()
    {
        // MG1001: the lambda runs on several threads at once and writes the captured Dictionary.
        var squares = new Dictionary<int, int>();
        Parallel.For(0, 1_000, i => squares[i] = i * i);

        // MG1001: the method keeps using the list while the task may still be adding to it.
        var names = new List<string>();
        Task loader = Task.Run(() => names.Add("from a task"));
        names.Add("from Main");
        await loader;

        // Not reported: a sequential hand-off (the task is awaited before Main touches the list again).
        await Task.Run(() => names.Add("awaited"));
        names.Add("after the await");

        s_log.Add("started");
        Console.WriteLine($"{squares.Count} squares, {names.Count} names, {s_log.Count} log lines");
    }

    public static void Configure(IServiceCollection services) => services.AddSingleton<SessionStore>();
}

/// <summary>MG1003: a singleton (AddSingleton above) whose Dictionary every request shares.</summary>
public sealed class SessionStore
{
    private readonly Dictionary<string, DateTime> _lastSeen = [];

    public void Touch(string user) => _lastSeen[user] = DateTime.UtcNow;
}

/// <summary>MG1004: the same field mutated under the lock in one method and without it in another.</summary>
public sealed class Inventory
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _stock = [];

    public void Receive(string sku)
    {
        lock (_lock)
        {
            _stock[sku] = _stock.GetValueOrDefault(sku) + 1;
        }
    }

    public void Discontinue(string sku) => _stock.Remove(sku);
}

/// <summary>MG1005 and MG1006: the [GuardedBy] contract.</summary>
public sealed class Account
{
    private readonly Lock _lock = new();
    private object _notReadonly = new();

    [GuardedBy(nameof(_lock))]
    private decimal _balance;

    // MG1006: the named lock is not readonly.
    [GuardedBy(nameof(_notReadonly))]
    private int _audits;

    public void Deposit(decimal amount)
    {
        lock (_lock)
        {
            _balance += amount;
        }
    }

    // MG1005: read without the lock.
    public decimal Balance => _balance;
}
