using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Parameters;

/// <summary>Refuses a name that is no field of the update, naming the ones there are.</summary>
public sealed class ValidateFieldNameAttribute : ValidateEnumeratedArgumentsAttribute
{
    protected override void ValidateElement(object element)
    {
        var text = LanguagePrimitives.ConvertTo<string>(element);
        if (PhoneNumberFields.Find(text ?? "") == null)
            throw new ValidationMetadataException(
                $"'{text}' is not a field of a phone number. Allowed (Set-SwPhoneNumber's parameters, or the API's names): " +
                string.Join(", ", PhoneNumberFields.All.Select(f => f.ParameterName)) + ".");
    }
}

/// <summary>Tab completion of the update fields' parameter names (CallHandler, CallRequestUrl, ...).</summary>
public sealed class FieldNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Word(wordToComplete);
        return PhoneNumberFields.All
            .Where(f => f.ParameterName.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(f => new CompletionResult(f.ParameterName, f.ParameterName, CompletionResultType.ParameterValue,
                $"{f.ParameterName} ({f.ApiName})"));
    }
}
