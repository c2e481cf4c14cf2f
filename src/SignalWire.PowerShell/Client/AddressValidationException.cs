using System;
using System.Collections.Generic;
using System.Linq;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// The API refused an E911 address (422): its own words in ApiMessage and, when the carrier suggested corrections,
/// those addresses in <see cref="Candidates"/> (empty when it had none). The message lists the candidates too.
/// </summary>
public sealed class AddressValidationException : SignalWireApiException
{
    public AddressValidationException(SignalWireApiException error, IReadOnlyList<AddressCandidate> candidates)
        : base(error.Kind, WithCandidates(error.Message, candidates), error.StatusCode, error.ApiMessage, error.Attempts,
            error.RequestMethod, error.RequestPath, error.InnerException)
    {
        Candidates = candidates.ToArray();
    }

    /// <summary>The carrier's suggestions, in its order; empty when it had none.</summary>
    public AddressCandidate[] Candidates { get; }

    private static string WithCandidates(string message, IReadOnlyList<AddressCandidate> candidates)
    {
        if (candidates.Count == 0) return message;
        var listed = string.Join("; ", candidates.Select((c, i) => $"({i + 1}) {c}"));
        return $"{message} The carrier suggests {(candidates.Count == 1 ? "this address" : "these addresses")}: {listed}.";
    }
}
