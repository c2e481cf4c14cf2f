using System;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;

namespace SignalWire.PowerShell.Parameters;

/// <summary>How a completer writes a name (a label, a campaign's name) on the command line, and reads what was typed.</summary>
internal static class CompletionText
{
    // A name of letters, digits and these needs no quotes on a command line.
    private static readonly Regex bare = new Regex(@"^[\w.+/:-]+$", RegexOptions.CultureInvariant);

    /// <summary>What has been typed, without the quote it may begin with: what the offers are matched with.</summary>
    public static string Word(string? wordToComplete) => (wordToComplete ?? "").Trim('\'', '"');

    /// <summary>Whether an item is offered for what has been typed: by any part of its name, or for an id parameter the start of its id.</summary>
    public static bool Matches(string id, string name, bool byId, string? wordToComplete)
    {
        var word = Word(wordToComplete);
        return name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0 || (byId && id.StartsWith(word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A name as typed on a command line: bare when it can be, else in the quote the user began with (single by
    /// default), escaped so that the completed text reads back as the name.
    /// </summary>
    public static string Quoted(string name, string? wordToComplete)
    {
        var typed = wordToComplete ?? "";
        var quoteTyped = typed.Length > 0 && (typed[0] == '\'' || typed[0] == '"');
        if (!quoteTyped && bare.IsMatch(name)) return name;
        // PowerShell also takes typographic quotes for quotes: those are escaped too.
        return quoteTyped && typed[0] == '"'
            ? "\"" + Regex.Replace(name, "[`$\"\u201C\u201D\u201E]", "`$0") + "\""
            : "'" + CodeGeneration.EscapeSingleQuotedStringContent(name) + "'";
    }
}
