using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Parameters;

/// <summary>
/// Tab completion of -Id and -Number from the session's numbers: one bounded listing (the first page of 1,000) per
/// session, shared for a minute (see <see cref="SessionListing{T}"/>); nothing when not connected, unreachable or slow.
/// </summary>
public sealed class PhoneNumberCompleter : IArgumentCompleter
{
    internal const int MaximumNumbers = PhoneNumberQuery.MaximumPageSize;

    private static readonly SessionListing<PhoneNumber> numbers = new SessionListing<PhoneNumber>(async client =>
        (await client.ListPhoneNumbersAsync(new PhoneNumberQuery { PageSize = MaximumNumbers }, null, null, CancellationToken.None)
            .ConfigureAwait(false)).Numbers);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        numbers.Offer(fakeBoundParameters, listed => Complete(listed, parameterName, wordToComplete));

    /// <summary>The numbers matching what has been typed, as completions of -Id (the id) or -Number (the E.164 number).</summary>
    internal static IEnumerable<CompletionResult> Complete(IEnumerable<PhoneNumber> numbers, string parameterName, string? wordToComplete)
    {
        var word = CompletionText.Word(wordToComplete);
        var byId = string.Equals(parameterName, "Id", StringComparison.OrdinalIgnoreCase);
        foreach (var number in numbers)
        {
            var value = byId ? number.Id : number.Number;
            if (string.IsNullOrEmpty(value)) continue;
            // Ids complete from their start; either parameter also finds a number by its digits or its name.
            var matches = value!.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                || (number.Number ?? "").IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0
                || (number.Name ?? "").IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;
            if (!matches) continue;
            var label = byId ? $"{number.Id} {number.Number}" : number.Number!;
            var tooltip = string.IsNullOrEmpty(number.Name) ? $"{number.Number} ({number.Id})" : $"{number.Number} {number.Name} ({number.Id})";
            yield return new CompletionResult(value, label, CompletionResultType.ParameterValue, tooltip);
        }
    }
}
