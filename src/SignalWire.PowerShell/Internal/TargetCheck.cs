using System;
using System.Collections.Generic;
using System.Linq;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal;

/// <summary>
/// Checks that the Fabric resources a batch points numbers at (an AI agent, a call flow) exist, once per distinct id,
/// before the first write that names each (reads are not rate-limited, and a thousand numbers pointed at nothing answer
/// no calls). An id is looked up by GET /api/fabric/resources/{id}, which knows only the resource's own id; when that is
/// not found, the one listing of the field's type (read once per type) finds the id inside a resource's object
/// (ai_agent.agent_id, call_flow.id), which the vendor's sources also show the target fields taking.
/// </summary>
internal sealed class TargetCheck
{
    private readonly Func<string, FabricResource?> get;
    private readonly Func<string, IReadOnlyList<FabricResource>> list;
    private readonly Action<string> warn;
    private readonly Dictionary<string, Outcome> checkedIds = new Dictionary<string, Outcome>(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyList<FabricResource>?> listings =
        new Dictionary<string, IReadOnlyList<FabricResource>?>(StringComparer.Ordinal);

    /// <param name="get">One resource by its id; null when the API answers 404.</param>
    /// <param name="list">Every resource of one type.</param>
    /// <param name="warn">Says once when an id could not be checked (the update then goes unchecked, as before).</param>
    public TargetCheck(Func<string, FabricResource?> get, Func<string, IReadOnlyList<FabricResource>> list, Action<string> warn)
    {
        this.get = get;
        this.list = list;
        this.warn = warn;
    }

    /// <summary>How many ids were looked up: one per distinct target, whatever the number of numbers.</summary>
    public int Lookups => checkedIds.Count;

    /// <summary>Why the update may not be sent (a target it names does not exist), or null.</summary>
    public BulkRefusal? Check(PhoneNumberUpdate changes, string where)
    {
        foreach (var change in changes.Changes)
        {
            if (string.IsNullOrEmpty(change.Value) || !FabricResourceTypes.MustExist.Contains(change.Field.ApiName)) continue;
            var type = FabricResourceTypes.TargetFields[change.Field.ApiName];
            var id = change.Value!;
            var key = type + ":" + id;
            if (!checkedIds.TryGetValue(key, out var outcome)) checkedIds[key] = outcome = LookUp(type, id);
            var parameter = $"-{change.Field.ParameterName} ({change.Field.ApiName})";
            if (outcome.Missing)
                return new BulkRefusal("TargetNotFound", RefusalKind.NotFound,
                    $"{where}: {parameter} names {id}, but the project has no {type} resource with that id: nothing was changed for this " +
                    $"number, so that it is not pointed at nothing. Get-SwResource -Type {type} lists the project's {type} resources.");
            if (outcome.OtherType is { } other)
                return new BulkRefusal("TargetNotFound", RefusalKind.NotFound,
                    $"{where}: {parameter} names {id}, which is a resource of type {other.Type} ('{other.DisplayName}'), not {type}: nothing was " +
                    $"changed for this number. Get-SwResource -Type {type} lists the project's {type} resources.");
        }
        return null;
    }

    private Outcome LookUp(string type, string id)
    {
        try
        {
            var resource = get(id);
            if (resource != null)
                return string.Equals(resource.Type, type, StringComparison.Ordinal) ? Outcome.Found : new Outcome { OtherType = resource };
            if (!listings.TryGetValue(type, out var listing)) listings[type] = listing = list(type);
            return listing!.Any(r => r.IsNamedBy(id)) ? Outcome.Found : new Outcome { Missing = true };
        }
        catch (SignalWireApiException e)
        {
            // A token without the Fabric scope, a failing read: the write itself will say what the API thinks of the id
            // (and a 401 stops the whole batch there, once).
            warn($"Could not check that the {type} {id} exists ({e.Message}); numbers are pointed at it unchecked.");
            return Outcome.Found;
        }
    }

    private sealed class Outcome
    {
        public static readonly Outcome Found = new Outcome();
        public bool Missing { get; set; }
        public FabricResource? OtherType { get; set; }
    }
}
