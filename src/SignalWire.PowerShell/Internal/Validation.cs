using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal
{
    /// <summary>Refuses a value that is not a UUID, before any request.</summary>
    public sealed class ValidateUuidAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var text = LanguagePrimitives.ConvertTo<string>(element);
            if (!Guid.TryParseExact(text, "D", out _))
                throw new ValidationMetadataException($"'{text}' is not a UUID such as 233dffc2-2ad3-455e-a597-0e332c39662a.");
        }
    }

    /// <summary>Refuses a phone number that is not in E.164 form.</summary>
    public sealed class ValidateE164Attribute : ValidateEnumeratedArgumentsAttribute
    {
        private static readonly Regex e164 = new Regex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant);

        protected override void ValidateElement(object element)
        {
            var text = LanguagePrimitives.ConvertTo<string>(element);
            if (!e164.IsMatch(text ?? ""))
                throw new ValidationMetadataException($"'{text}' is not an E.164 phone number such as +15551234567 (a plus, the country code, then digits only).");
        }
    }

    /// <summary>Refuses anything but a run of digits of the given length (area codes, number patterns).</summary>
    public sealed class ValidateDigitsAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private readonly int minimum;
        private readonly int maximum;

        public ValidateDigitsAttribute(int minimum, int maximum)
        {
            this.minimum = minimum;
            this.maximum = maximum;
        }

        protected override void ValidateElement(object element)
        {
            var text = LanguagePrimitives.ConvertTo<string>(element) ?? "";
            if (text.Length < minimum || text.Length > maximum || !text.All(c => c >= '0' && c <= '9'))
            {
                var length = minimum == maximum ? $"{minimum}" : $"{minimum} to {maximum}";
                throw new ValidationMetadataException($"'{text}' is not {length} digits.");
            }
        }
    }

    /// <summary>Tab completion of the allowed values of an enum-like field parameter.</summary>
    public sealed class FieldValueCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var field = PhoneNumberFields.FindByParameter(parameterName);
            var word = (wordToComplete ?? "").Trim('\'', '"');
            if (field == null) return Enumerable.Empty<CompletionResult>();
            return field.AllowedValues
                .Where(v => v.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, $"{field.ApiName}: {v}"));
        }
    }
}
