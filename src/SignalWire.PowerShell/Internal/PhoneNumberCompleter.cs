using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SignalWire.PowerShell.Internal
{
    /// <summary>Tab completion of -Id and -Number from the default session's numbers (placeholder until the cache exists).</summary>
    public sealed class PhoneNumberCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) => Enumerable.Empty<CompletionResult>();
    }
}
