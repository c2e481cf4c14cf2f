using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Management.Automation;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Cmdlets
{
    /// <summary>
    /// Changes how phone numbers handle calls and messages. Only the fields asked for go over the wire, and where the
    /// number's current state is known only those that differ; several requests stay in flight for bulk jobs.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SwPhoneNumber", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PhoneNumber))]
    public sealed class SetSwPhoneNumberCommand : SwSessionCmdlet
    {
        private const string IdSet = "Id";
        private const string NumberSet = "Number";
        private const string InputObjectSet = "InputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateUuid]
        [ArgumentCompleter(typeof(PhoneNumberCompleter))]
        public string? Id { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = NumberSet, ValueFromPipelineByPropertyName = true)]
        [ValidateE164]
        [ArgumentCompleter(typeof(PhoneNumberCompleter))]
        public string? Number { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public PhoneNumber? InputObject { get; set; }

        /// <summary>How many requests stay in flight at once; 1 updates one number after another, in input order.</summary>
        [Parameter]
        [ValidateRange(1, SignalWireClientOptions.MaximumConcurrentRequests)]
        public int ThrottleLimit { get; set; } = 64;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_handler")]
        [ArgumentCompleter(typeof(FieldValueCompleter))]
        public string? CallHandler { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_receive_mode")]
        [ArgumentCompleter(typeof(FieldValueCompleter))]
        public string? CallReceiveMode { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_request_url")]
        public string? CallRequestUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_request_method")]
        [ArgumentCompleter(typeof(FieldValueCompleter))]
        public string? CallRequestMethod { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_fallback_url")]
        public string? CallFallbackUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_fallback_method")]
        [ArgumentCompleter(typeof(FieldValueCompleter))]
        public string? CallFallbackMethod { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_status_callback_url")]
        public string? CallStatusCallbackUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_status_callback_method")]
        [ArgumentCompleter(typeof(FieldValueCompleter))]
        public string? CallStatusCallbackMethod { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_laml_application_id")]
        public string? CallLamlApplicationId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_dialogflow_agent_id")]
        public string? CallDialogflowAgentId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_relay_topic")]
        public string? CallRelayTopic { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_relay_topic_status_callback_url")]
        public string? CallRelayTopicStatusCallbackUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_relay_script_url")]
        public string? CallRelayScriptUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_relay_application")]
        public string? CallRelayApplication { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_relay_connector_id")]
        public string? CallRelayConnectorId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_sip_endpoint_id")]
        public string? CallSipEndpointId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_verto_resource")]
        public string? CallVertoResource { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_video_room_id")]
        public string? CallVideoRoomId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("message_handler")]
        [ArgumentCompleter(typeof(FieldValueCompleter))]
        public string? MessageHandler { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("message_request_url")]
        public string? MessageRequestUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("message_request_method")]
        [ArgumentCompleter(typeof(FieldValueCompleter))]
        public string? MessageRequestMethod { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("message_fallback_url")]
        public string? MessageFallbackUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("message_fallback_method")]
        [ArgumentCompleter(typeof(FieldValueCompleter))]
        public string? MessageFallbackMethod { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("message_laml_application_id")]
        public string? MessageLamlApplicationId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("message_relay_topic")]
        public string? MessageRelayTopic { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("message_relay_application")]
        public string? MessageRelayApplication { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_relay_context")]
        public string? CallRelayContext { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("call_relay_context_status_callback_url")]
        public string? CallRelayContextStatusCallbackUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("message_relay_context")]
        public string? MessageRelayContext { get; set; }

        /// <summary>One number on its way through: what to change, and what is known of it.</summary>
        private sealed class PendingUpdate
        {
            public PendingUpdate(PhoneNumberUpdate update, string? id, string? number, PhoneNumber? current)
            {
                Update = update;
                Id = id;
                Number = number;
                Current = current;
            }

            public PhoneNumberUpdate Update { get; }
            public string? Id { get; set; }
            public string? Number { get; set; }
            public PhoneNumber? Current { get; set; }

            /// <summary>How errors and -WhatIf name the number: its E.164 number when known, else its id.</summary>
            public string Label => Current?.Number ?? Number ?? Id ?? "";
        }

        // The field parameters' properties, read per input: PowerShell resets a property that the next input object does
        // not bind, while MyInvocation.BoundParameters keeps the previous object's value.
        private static readonly IReadOnlyList<(PhoneNumberField Field, PropertyInfo Property)> fieldParameters =
            PhoneNumberFields.All.Select(f => (f, typeof(SetSwPhoneNumberCommand).GetProperty(f.ParameterName)!)).ToList();

        private HashSet<string> commandLineParameters = new HashSet<string>();
        private readonly HashSet<PhoneNumberField> warnedDeprecated = new HashSet<PhoneNumberField>();
        private readonly Stopwatch elapsed = Stopwatch.StartNew();
        private TimeSpan lastProgress;
        private int outstanding, updated, unchanged, failed;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // What is bound now came from the command line; whatever ProcessRecord sees on top came from the pipeline.
            commandLineParameters = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            // Values are checked here and in Submit rather than by validation attributes: an attribute would also judge
            // every property a piped PhoneNumber binds, and refuse a number whose current handler is one the API sets
            // elsewhere (ai_agent, call_flow, ...) even though that value is not being sent.
            foreach (var (field, property) in fieldParameters)
            {
                if (!commandLineParameters.Contains(field.ParameterName)) continue;
                var problem = PhoneNumberUpdate.Check(field, (string?)property.GetValue(this));
                if (problem != null)
                    ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidFieldValue", $"-{field.ParameterName}: {problem}", property.GetValue(this)));
            }
        }

        protected override void ProcessRecord()
        {
            var update = new PhoneNumberUpdate();
            var fromInputProperties = false;
            foreach (var (field, property) in fieldParameters)
            {
                var value = (string?)property.GetValue(this);
                if (commandLineParameters.Contains(field.ParameterName))
                {
                    update.Set(field, value);
                }
                else if (ParameterSetName != InputObjectSet && !string.IsNullOrEmpty(value))
                {
                    // A column of an input row (Import-Csv): an empty cell means "leave as is", never "wipe".
                    // A piped PhoneNumber's own properties are its current state, not a wish, so they are not taken.
                    update.Set(field, value);
                    fromInputProperties = true;
                }
            }

            var item = new PendingUpdate(update, Id ?? InputObject?.Id, Number ?? InputObject?.Number, InputObject);
            if (update.IsEmpty)
            {
                Fail(ErrorRecords.InvalidArgument("NoFieldToUpdate",
                    $"Nothing to change on {item.Label}: give at least one field to set, such as -CallHandler, -CallRelayTopic or -Name " +
                    "(a piped phone number's own properties are not taken as changes).", item.Label));
                return;
            }
            if (ParameterSetName == InputObjectSet && !Guid.TryParseExact(item.Id, "D", out _))
            {
                Fail(ErrorRecords.InvalidArgument("InvalidId", $"The piped phone number's Id '{item.Id}' is not a UUID.", item.Label));
                return;
            }

            if (ParameterSetName == NumberSet)
                Track(Client.FindPhoneNumbersAsync(item.Number!, this, Cancellation), task => OnNumberFound(item, task));
            else if (item.Current == null && (fromInputProperties || update.NeedsCurrentStateForHandlers()))
                // Read first (reads are not rate-limited): to send only what differs, and to check a handler switch safely.
                Track(Client.GetPhoneNumberAsync(item.Id!, this, Cancellation), task => OnCurrentStateRead(item, task));
            else
                Submit(item);

            while (outstanding >= ThrottleLimit) RunNextPosted();
            // Write what has finished meanwhile, so results flow while the input is still coming.
            RunPosted();
        }

        protected override void EndProcessing()
        {
            while (outstanding > 0) RunNextPosted();
            base.EndProcessing();
            if (updated + failed + unchanged > 0)
                WriteProgress(new ProgressRecord(1, "Set-SwPhoneNumber", "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>Starts a request and has its outcome handled on the pipeline thread, counting it against -ThrottleLimit.</summary>
        private void Track<T>(Task<T> task, Action<Task<T>> onPipelineThread)
        {
            outstanding++;
            task.ContinueWith(done => Post(() =>
            {
                outstanding--;
                onPipelineThread(done);
            }), TaskScheduler.Default);
        }

        private void OnNumberFound(PendingUpdate item, Task<IReadOnlyList<PhoneNumber>> task)
        {
            if (!Succeeded(item, task)) return;
            var matches = task.Result;
            if (matches.Count == 1)
            {
                item.Current = matches[0];
                item.Id = matches[0].Id;
                Submit(item);
            }
            else if (matches.Count == 0)
            {
                Fail(new ErrorRecord(new ItemNotFoundException($"No phone number {item.Number} in this project."),
                    "PhoneNumberNotFound", ErrorCategory.ObjectNotFound, item.Label));
            }
            else
            {
                Fail(new ErrorRecord(new InvalidOperationException($"{matches.Count} phone numbers of this project are {item.Number}: use -Id ({string.Join(", ", matches.Select(m => m.Id))})."),
                    "AmbiguousNumber", ErrorCategory.InvalidResult, item.Label));
            }
        }

        private void OnCurrentStateRead(PendingUpdate item, Task<PhoneNumber> task)
        {
            if (!Succeeded(item, task)) return;
            item.Current = task.Result;
            Submit(item);
        }

        /// <summary>On the pipeline thread: checks the handler rules, drops what is already so, asks ShouldProcess, sends.</summary>
        private void Submit(PendingUpdate item)
        {
            var missing = item.Update.MissingHandlerFields(item.Current).FirstOrDefault();
            if (missing.Needed != null)
            {
                Fail(ErrorRecords.InvalidArgument("HandlerFieldMissing",
                    $"Setting -{missing.Handler.ParameterName} to '{missing.Value}' on {item.Label} needs -{missing.Needed.ParameterName} ({missing.Needed.ApiName}), " +
                    $"which is neither given nor set on the number: add -{missing.Needed.ParameterName} <value>.", item.Label));
                return;
            }

            var changes = item.Current == null ? item.Update : item.Update.ExceptUnchanged(item.Current);
            if (changes.IsEmpty)
            {
                WriteVerbose($"{item.Label}: every field is already as asked; no request sent.");
                unchanged++;
                WriteObject(item.Current);
                return;
            }

            // Only what will be sent is judged: a CSV cell equal to the number's current value passes whatever it holds.
            foreach (var change in changes.Changes)
            {
                var problem = PhoneNumberUpdate.Check(change.Field, change.Value);
                if (problem == null) continue;
                Fail(ErrorRecords.InvalidArgument("InvalidFieldValue", $"-{change.Field.ParameterName}: {problem}", item.Label));
                return;
            }
            foreach (var change in changes.Changes) WarnIfDeprecated(change.Field);

            if (!ShouldProcess($"{item.Label} ({item.Id})", "Update phone number: " + Describe(changes, item.Current))) return;

            Track(Client.UpdatePhoneNumberAsync(item.Id!, changes, this, Cancellation), task =>
            {
                if (!Succeeded(item, task)) return;
                updated++;
                WriteObject(task.Result);
                ReportProgress();
            });
        }

        /// <summary>True when the task succeeded; otherwise writes its error (one per input) and returns false.</summary>
        private bool Succeeded<T>(PendingUpdate item, Task<T> task)
        {
            if (task.Status == TaskStatus.RanToCompletion) return true;
            if (task.IsCanceled) throw new PipelineStoppedException();
            var error = task.Exception!.GetBaseException();
            if (error is SignalWireApiException api)
            {
                failed++;
                WriteApiError(api, item.Label);
            }
            else
            {
                Fail(new ErrorRecord(error, "UpdateFailed", ErrorCategory.NotSpecified, item.Label));
            }
            ReportProgress();
            return false;
        }

        private void Fail(ErrorRecord record)
        {
            failed++;
            WriteError(record);
        }

        private static string Describe(PhoneNumberUpdate changes, PhoneNumber? current) =>
            string.Join(", ", changes.Changes.Select(c => current == null
                ? $"{c.Field.ApiName} → '{c.Value}'"
                : $"{c.Field.ApiName} '{c.Field.ReadCurrent(current)}' → '{c.Value}'"));

        private void WarnIfDeprecated(PhoneNumberField field)
        {
            if (field.Replacement != null && warnedDeprecated.Add(field))
                WriteWarning($"-{field.ParameterName} ({field.ApiName}) is deprecated by SignalWire; use -{field.Replacement.Replace(" or ", " or -")} instead.");
        }

        /// <summary>At most four progress updates a second: cheap even for thousands of numbers.</summary>
        private void ReportProgress()
        {
            var now = elapsed.Elapsed;
            if (now - lastProgress < TimeSpan.FromMilliseconds(250)) return;
            lastProgress = now;
            var rate = (updated + failed) / Math.Max(0.001, now.TotalSeconds);
            WriteProgress(new ProgressRecord(1, "Set-SwPhoneNumber", $"{updated} updated, {failed} failed, {unchanged} unchanged, {rate:0} a second"));
        }
    }
}
