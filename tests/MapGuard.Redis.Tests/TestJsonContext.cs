using System.Text.Json.Serialization;
using MapGuard.Testing.Stress;

namespace MapGuard.Redis.Tests;

/// <summary>Source-generated JSON contracts for the value types the suites use that have no built-in fast path.</summary>
[JsonSourceGenerationOptions(IncludeFields = true)]
[JsonSerializable(typeof(WideValue))]
[JsonSerializable(typeof(ValueTuple<long, long, long>))]
[JsonSerializable(typeof(Order))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
