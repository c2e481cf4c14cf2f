using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Parameters;

/// <summary>Tab completion of the allowed values of an enum-like field parameter.</summary>
public sealed class FieldValueCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var field = PhoneNumberFields.FindByParameter(parameterName);
        var word = CompletionText.Word(wordToComplete);
        if (field == null) return Enumerable.Empty<CompletionResult>();
        return field.AllowedValues
            .Where(v => v.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, $"{field.ApiName}: {v}"));
    }
}
