using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace MapGuard.Analyzers.Tests.Infrastructure;

/// <summary>Expected-diagnostic builders for assertions that also check the message.</summary>
internal static class Expect
{
    public static DiagnosticResult Diagnostic(string id, DiagnosticSeverity severity) => new(id, severity);
}
