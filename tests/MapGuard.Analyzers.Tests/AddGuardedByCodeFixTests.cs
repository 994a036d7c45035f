using MapGuard.Analyzers.CodeFixes;
using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace MapGuard.Analyzers.Tests;

/// <summary>Adding [GuardedBy] for MG1004, fix-all included (two fields, several diagnostics each).</summary>
public sealed class AddGuardedByCodeFixTests
{
    [Fact]
    public Task InconsistentlyLockedFields_GetGuardedByTheLockTheOthersHold() =>
        Verify.CodeFixAsync<SharedStateAnalyzer, AddGuardedByCodeFixProvider>(
            """
            class Inventory
            {
                private readonly object _gate = new();
                private readonly Lock _lock = new();

                // Stock by SKU.
                private readonly Dictionary<string, int> _stock = new();
                private readonly List<string> _log = new();

                public void Add(string sku)
                {
                    lock (_gate) { _stock[sku] = 1; }
                    lock (_lock) { _log.Add(sku); }
                }

                public void Remove(string sku)
                {
                    {|MG1004:_stock.Remove(sku)|};
                    {|MG1004:_stock.Remove(sku + "-old")|};
                    {|MG1004:_log.Add("removed")|};
                }
            }
            """,
            """
            class Inventory
            {
                private readonly object _gate = new();
                private readonly Lock _lock = new();

                // Stock by SKU.
                [GuardedBy(nameof(_gate))]
                private readonly Dictionary<string, int> _stock = new();
                [GuardedBy(nameof(_lock))]
                private readonly List<string> _log = new();

                public void Add(string sku)
                {
                    lock (_gate) { _stock[sku] = 1; }
                    lock (_lock) { _log.Add(sku); }
                }

                public void Remove(string sku)
                {
                    _stock.Remove(sku);
                    _stock.Remove(sku + "-old");
                    _log.Add("removed");
                }
            }
            """);

    [Fact]
    public Task AfterTheFix_GuardedByReportsTheUnlockedAccessAsAnError()
    {
        // The point of the fix: the unlocked mutation MG1004 warned about is now an MG1005 error.
        const string Source = Verify.Usings + """
                class C
                {
                    private readonly object _gate = new();
                    [GuardedBy(nameof(_gate))]
                    private readonly List<int> _items = new();

                    public void Add(int x) { lock (_gate) { _items.Add(x); } }

                    public void Drop() => {|MG1005:_items|}.Clear();
                }
                """;
        var test = new CSharpCodeFixTest<GuardedByAnalyzer, AddGuardedByCodeFixProvider, DefaultVerifier>
        {
            TestCode = Source,
            FixedCode = Source,
        };
        return Verify.CodeFixAsync(test);
    }
}
