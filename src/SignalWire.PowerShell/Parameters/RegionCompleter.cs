using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SignalWire.PowerShell.Internal;

namespace SignalWire.PowerShell.Parameters;

/// <summary>
/// Tab completion of -Region: the ISO 3166-2 codes of the US states and territories and of the Canadian provinces,
/// where SignalWire sells local numbers. Without it PowerShell would offer file names.
/// </summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    internal static readonly IReadOnlyList<(string Code, string Name)> Regions = new[]
    {
        ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"), ("CO", "Colorado"),
        ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"),
        ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
        ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"),
        ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"),
        ("NE", "Nebraska"), ("NV", "Nevada"), ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"),
        ("NY", "New York"), ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
        ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"),
        ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
        ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"), ("PR", "Puerto Rico"), ("GU", "Guam"),
        ("VI", "U.S. Virgin Islands"), ("AS", "American Samoa"), ("MP", "Northern Mariana Islands"),
        ("AB", "Alberta"), ("BC", "British Columbia"), ("MB", "Manitoba"), ("NB", "New Brunswick"),
        ("NL", "Newfoundland and Labrador"), ("NS", "Nova Scotia"), ("NT", "Northwest Territories"), ("NU", "Nunavut"),
        ("ON", "Ontario"), ("PE", "Prince Edward Island"), ("QC", "Quebec"), ("SK", "Saskatchewan"), ("YT", "Yukon"),
    };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Word(wordToComplete);
        // A code or the start of a name: "or" offers OR (Oregon), "new" offers NH, NJ, NM, NY.
        return Regions
            .Where(r => r.Code.StartsWith(word, StringComparison.OrdinalIgnoreCase) || r.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(r => new CompletionResult(r.Code, $"{r.Code} ({r.Name})", CompletionResultType.ParameterValue, r.Name));
    }
}
