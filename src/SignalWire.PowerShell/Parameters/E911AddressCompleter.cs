using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Parameters;

/// <summary>
/// Tab completion of an E911 address from the session's addresses, rather than file names: an id parameter (-Id,
/// -E911AddressId) completes to the id, found by its start or by the label, and -Label to the label; each choice is
/// listed as its label and id. One bounded listing (the first page of 1,000) per session, shared for a minute and
/// dropped when an address cmdlet changes the addresses (see <see cref="SessionListing{T}"/>); nothing when not
/// connected, unreachable or slow.
/// </summary>
public sealed class E911AddressCompleter : IArgumentCompleter
{
    internal static readonly SessionListing<E911Address> Addresses = new SessionListing<E911Address>(async client =>
        (await client.ListE911AddressesAsync(new E911AddressQuery { PageSize = E911AddressQuery.MaximumPageSize }, null, null, CancellationToken.None)
            .ConfigureAwait(false)).Addresses);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Addresses.Offer(fakeBoundParameters, listed => Complete(listed, parameterName, wordToComplete));

    /// <summary>The addresses matching what has been typed: by label for -Label, by id or label for an id parameter.</summary>
    internal static IEnumerable<CompletionResult> Complete(IEnumerable<E911Address> addresses, string parameterName, string? wordToComplete)
    {
        var byLabel = string.Equals(parameterName, nameof(E911Address.Label), StringComparison.OrdinalIgnoreCase);
        foreach (var address in addresses)
        {
            var label = address.Label ?? "";
            if (!CompletionText.Matches(address.Id, label, !byLabel, wordToComplete) || (byLabel && label.Length == 0)) continue;
            var text = byLabel ? CompletionText.Quoted(label, wordToComplete) : address.Id;
            var listed = label.Length == 0 ? address.Id : $"{label} ({address.Id})";
            yield return new CompletionResult(text, listed, CompletionResultType.ParameterValue, $"{listed}: {address.StreetAddress}");
        }
    }
}
