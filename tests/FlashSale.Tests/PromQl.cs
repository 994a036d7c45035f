using System.Text.RegularExpressions;

namespace FlashSale.Tests;

/// <summary>Just enough PromQL reading to list the metrics and label matchers an expression uses.</summary>
internal static partial class PromQl
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "offset", "bool", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
    };

    /// <summary>
    /// The metric names <paramref name="expression"/> selects: identifiers that are not functions (followed by '('),
    /// keywords, grouping labels, label matchers, string literals or range durations.
    /// </summary>
    public static List<string> MetricNames(string expression)
    {
        string text = StringLiteral().Replace(expression, "\"\"");
        text = Braces().Replace(text, " ");
        text = Brackets().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return [.. Identifier().Matches(text).Select(m => m.Value).Where(name => !s_keywords.Contains(name)).Distinct()];
    }

    /// <summary>Each metric selector with braces in <paramref name="expression"/>: the metric and its matchers (label, operator, value).</summary>
    public static List<(string Metric, List<(string Label, string Operator, string Value)> Matchers)> Selectors(string expression) =>
        [.. Selector().Matches(expression).Select(m => (
            m.Groups["metric"].Value,
            Matcher().Matches(m.Groups["matchers"].Value).Select(x => (x.Groups["label"].Value, x.Groups["op"].Value, x.Groups["value"].Value)).ToList()))];

    [GeneratedRegex("""
        "(?:[^"\\]|\\.)*"
        """)]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w$])[a-zA-Z_:][a-zA-Z0-9_:]*\b(?!\s*\()")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<matchers>[^}]*)\}")]
    private static partial Regex Selector();

    [GeneratedRegex("""(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*"(?<value>(?:[^"\\]|\\.)*)"  """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Matcher();
}
