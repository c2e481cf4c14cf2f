using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Parameters;

/// <summary>
/// Lets a target-id parameter (-CallAiAgentId, -CallFlowId, -CallLamlApplicationId...) take a Fabric resource, as
/// Get-SwResource writes it or as a copy of one (Import-Clixml, a job): the resource becomes the id the field takes.
/// Given the field's API name, a resource of another type is refused, naming both types; several resources (a -Name
/// that matched more than one) are refused, naming them.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ResourceTargetAttribute : ArgumentTransformationAttribute
{
    /// <summary>Takes only a resource of the type <paramref name="apiField"/> names (call_ai_agent_id: an ai_agent).</summary>
    public ResourceTargetAttribute(string apiField)
    {
        ApiField = apiField;
    }

    /// <summary>The phone-number field the parameter sets.</summary>
    public string ApiField { get; }

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        try
        {
            if (ResourceTarget.Several(inputData) is { } several)
                throw new ArgumentException($"one resource is needed, and {several.Count} were given: " +
                    string.Join(", ", several.Select(r => $"'{r}' ({r.Type} {r.Id})")) + ". Choose one, by its whole name or its Id.");
            return ResourceTarget.IdOf(inputData, ApiField) ?? inputData;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }
}

/// <summary>How a value given for a target field becomes the id it sends.</summary>
internal static class ResourceTarget
{
    /// <summary>
    /// The id a resource (or a copy of one) stands for as a value of <paramref name="apiField"/>; null when the value is
    /// not a resource (text is taken as it is). With a field, a resource of another type is an ArgumentException.
    /// </summary>
    public static string? IdOf(object? value, string? apiField) =>
        AsResource(value) is { } resource ? Checked(resource, apiField) : null;

    /// <summary>The resources of a collection that holds more than one (a -Name that matched several), else null.</summary>
    public static IReadOnlyList<FabricResource>? Several(object? value)
    {
        if ((value is PSObject wrapped ? wrapped.BaseObject : value) is not IEnumerable items || items is string) return null;
        var resources = new List<FabricResource>();
        foreach (var item in items)
        {
            if (AsResource(item) is not { } resource) return null;
            resources.Add(resource);
        }
        return resources.Count > 1 ? resources : null;
    }

    /// <summary>A resource as Get-SwResource writes it, or rebuilt from a copy of one; null for anything else.</summary>
    private static FabricResource? AsResource(object? value)
    {
        if (value is FabricResource resource) return resource;
        if (value is not PSObject wrapped) return null;
        if (wrapped.BaseObject is FabricResource live) return live;
        // A copy (Import-Clixml, a job's output) keeps the properties and a Deserialized. type name.
        if (!wrapped.TypeNames.Any(t => t.EndsWith(nameof(FabricResource), StringComparison.Ordinal))) return null;
        return new FabricResource
        {
            Id = wrapped.Properties["Id"]?.Value?.ToString() ?? "",
            Type = wrapped.Properties["Type"]?.Value?.ToString(),
            ObjectId = wrapped.Properties["ObjectId"]?.Value?.ToString(),
            DisplayName = wrapped.Properties["DisplayName"]?.Value?.ToString(),
        };
    }

    private static string Checked(FabricResource resource, string? apiField)
    {
        if (apiField != null && FabricResourceTypes.TargetFields.TryGetValue(apiField, out var type)
            && !string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase))
        {
            var parameter = PhoneNumberFields.FindByApiName(apiField)?.ParameterName ?? apiField;
            throw new ArgumentException($"-{parameter} ({apiField}) takes a {type} resource; '{resource}' is a {resource.Type}.");
        }
        return resource.TargetId;
    }
}

/// <summary>Tab completion of Get-SwResource -Type.</summary>
public sealed class ResourceTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Word(wordToComplete);
        return FabricResourceTypes.ListPaths.Keys
            .Where(t => t.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(t => new CompletionResult(t, t, CompletionResultType.ParameterValue, t));
    }
}

/// <summary>
/// Tab completion of a target parameter from the project's resources of its type (the completion is the id the field
/// takes, the list shows the display name), and of Get-SwResource -Id from all of them, through one session listing
/// per type (see <see cref="SessionListing{T}"/>).
/// </summary>
public sealed class ResourceCompleter : IArgumentCompleter
{
    private static readonly Dictionary<string, SessionListing<FabricResource>> listings =
        new Dictionary<string, SessionListing<FabricResource>>(StringComparer.Ordinal);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var field = PhoneNumberFields.FindByParameter(parameterName);
        string? type = null;
        if (field != null && !FabricResourceTypes.TargetFields.TryGetValue(field.ApiName, out type)) return Enumerable.Empty<CompletionResult>();
        return ListingOf(type).Offer(fakeBoundParameters, resources => Complete(resources, field == null, wordToComplete));
    }

    /// <summary>Resources whose id or display name matches what has been typed.</summary>
    internal static IEnumerable<CompletionResult> Complete(IEnumerable<FabricResource> resources, bool byResourceId, string? wordToComplete)
    {
        var word = CompletionText.Word(wordToComplete);
        foreach (var resource in resources)
        {
            var value = byResourceId ? resource.Id : resource.TargetId;
            if (!value.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                && (resource.DisplayName ?? "").IndexOf(word, StringComparison.OrdinalIgnoreCase) < 0)
                continue;
            var label = string.IsNullOrEmpty(resource.DisplayName) ? value : resource.DisplayName!;
            yield return new CompletionResult(value, label, CompletionResultType.ParameterValue, $"{resource.Type}: {label} ({value})");
        }
    }

    private static SessionListing<FabricResource> ListingOf(string? type)
    {
        lock (listings)
        {
            var key = type ?? "";
            if (!listings.TryGetValue(key, out var listing))
                listings[key] = listing = new SessionListing<FabricResource>(
                    async client => (await client.ListResourcesAsync(type, null, null, CancellationToken.None).ConfigureAwait(false))
                        .Resources.ToList());
            return listing;
        }
    }
}
