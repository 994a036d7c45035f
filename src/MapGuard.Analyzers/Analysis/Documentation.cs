using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Analysis;

/// <summary>What a member's own documentation comment says about its thread safety.</summary>
internal static class Documentation
{
    private static readonly string[] s_notThreadSafe = ["not thread safe", "not thread-safe", "isn't thread safe", "isn't thread-safe"];

    /// <summary>
    /// True when the documentation comment of <paramref name="member"/> states that it is not thread-safe (for example
    /// <c>&lt;b&gt;Thread safety:&lt;/b&gt; This method is not thread safe</c>): its author has made callers responsible,
    /// so an unlocked read inside it is the documented contract, not an accident. Read from the comment's text, which
    /// is there whether or not the project generates documentation.
    /// </summary>
    public static bool SaysNotThreadSafe(ISymbol? member)
    {
        if (member is IMethodSymbol { AssociatedSymbol: { } property })
        {
            member = property; // an accessor: the comment sits on its property, indexer or event
        }

        if (member is null)
        {
            return false;
        }

        foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
        {
            // A project that does not generate documentation parses each `///` line as an ordinary comment of its own, so
            // the lines are joined before the phrase is looked for.
            var comment = new System.Text.StringBuilder();
            foreach (SyntaxTrivia trivia in reference.GetSyntax().GetLeadingTrivia())
            {
                string text = trivia.ToFullString();
                if (text.StartsWith("///", StringComparison.Ordinal) || text.StartsWith("/**", StringComparison.Ordinal))
                {
                    comment.Append(text).Append(' ');
                }
            }

            string plain = PlainText(comment.ToString());
            foreach (string phrase in s_notThreadSafe)
            {
                if (plain.IndexOf(phrase, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The comment's words without markup and comment prefixes, single-spaced: "is <b>not</b>\n/// thread safe" reads
    // "is not thread safe".
    private static string PlainText(string comment)
    {
        var text = new System.Text.StringBuilder(comment.Length);
        bool inTag = false;
        foreach (char c in comment.Replace("///", " ").Replace("/**", " ").Replace("*/", " "))
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (!inTag)
            {
                bool space = char.IsWhiteSpace(c);
                if (!space || (text.Length > 0 && text[text.Length - 1] != ' '))
                {
                    text.Append(space ? ' ' : c);
                }
            }
        }

        return text.ToString();
    }
}
