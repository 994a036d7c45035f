using System.Text.Json;

namespace MapGuard.Cli.Tests.Lab;

/// <summary>Reads <c>mapguard lab --json</c> output: rows by subject, with their counts.</summary>
internal sealed class LabReportJson
{
    private readonly JsonElement _root;

    private LabReportJson(JsonElement root) => _root = root;

    public int Trials => _root.GetProperty("trials").GetInt32();

    public IEnumerable<JsonElement> Rows => _root.GetProperty("rows").EnumerateArray();

    public IEnumerable<string> Notes => _root.GetProperty("notes").EnumerateArray().Select(e => e.GetString()!);

    public IEnumerable<string> Unexpected => _root.GetProperty("unexpected").EnumerateArray().Select(e => e.GetString()!);

    public static LabReportJson Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new LabReportJson(document.RootElement.Clone());
    }

    public JsonElement Row(string subject) =>
        Rows.Single(r => r.GetProperty("subject").GetString() == subject);

    public IEnumerable<JsonElement> RowsOfKind(string kind) =>
        Rows.Where(r => r.GetProperty("kind").GetString() == kind);

    public static int Count(JsonElement row, string outcome) =>
        row.GetProperty("outcomes").TryGetProperty(outcome, out JsonElement value) ? value.GetInt32() : 0;
}
