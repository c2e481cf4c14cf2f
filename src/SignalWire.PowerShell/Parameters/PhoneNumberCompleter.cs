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
/// Tab completion of -Id and -Number from the session's numbers (-Session when given as a variable, else the default
/// session). Each keystroke would otherwise list the project, so one bounded listing (the first page of 1,000) is kept
/// per session for a minute and shared by every completion meanwhile, and a completion waits for it only briefly:
/// when not connected, unreachable or slow, it offers nothing rather than throwing or hanging the prompt.
/// </summary>
public sealed class PhoneNumberCompleter : IArgumentCompleter
{
    internal const int MaximumNumbers = PhoneNumberQuery.MaximumPageSize;
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);
    internal static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(10);
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private sealed class Listing
    {
        public Listing(Task<IReadOnlyList<PhoneNumber>> numbers, DateTime startedUtc)
        {
            Numbers = numbers;
            StartedUtc = startedUtc;
        }

        public Task<IReadOnlyList<PhoneNumber>> Numbers { get; }
        public DateTime StartedUtc { get; }

        public bool IsFresh(DateTime nowUtc) =>
            !Numbers.IsCompleted || nowUtc - StartedUtc < (Numbers.Status == TaskStatus.RanToCompletion ? CacheLifetime : FailureLifetime);
    }

    private static readonly ConditionalWeakTable<SwSession, Listing> listings = new ConditionalWeakTable<SwSession, Listing>();
    private static readonly object gate = new object();

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var session = SessionFrom(fakeBoundParameters) ?? DefaultSession.Current;
            if (session == null) return Enumerable.Empty<CompletionResult>();
            var numbers = Numbers(session);
            if (!numbers.Wait(Patience) || numbers.Status != TaskStatus.RanToCompletion) return Enumerable.Empty<CompletionResult>();
            return Complete(numbers.Result, parameterName, wordToComplete);
        }
        catch (Exception)
        {
            // A completer must never break the prompt: a failed listing simply offers nothing.
            return Enumerable.Empty<CompletionResult>();
        }
    }

    /// <summary>The numbers matching what has been typed, as completions of -Id (the id) or -Number (the E.164 number).</summary>
    internal static IEnumerable<CompletionResult> Complete(IEnumerable<PhoneNumber> numbers, string parameterName, string? wordToComplete)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"');
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

    /// <summary>The session's listing: the cached one while fresh (or still in flight), else a new one.</summary>
    private static Task<IReadOnlyList<PhoneNumber>> Numbers(SwSession session)
    {
        var now = DateTime.UtcNow;
        lock (gate)
        {
            if (listings.TryGetValue(session, out var listing) && listing.IsFresh(now)) return listing.Numbers;
            listings.Remove(session);
            listing = new Listing(List(session.Client), now);
            listings.Add(session, listing);
            return listing.Numbers;
        }
    }

    private static async Task<IReadOnlyList<PhoneNumber>> List(SignalWireClient client)
    {
        // One page, bounded in time by the session's own timeout and retries; it goes on even when the completion
        // that started it has given up, so the next keystroke finds it done.
        var page = await client.ListPhoneNumbersAsync(new PhoneNumberQuery { PageSize = MaximumNumbers }, null, null, CancellationToken.None)
            .ConfigureAwait(false);
        return page.Numbers;
    }

    private static SwSession? SessionFrom(IDictionary? fakeBoundParameters)
    {
        if (fakeBoundParameters == null || !fakeBoundParameters.Contains("Session")) return null;
        var value = fakeBoundParameters["Session"];
        return (value is PSObject wrapped ? wrapped.BaseObject : value) as SwSession;
    }
}
