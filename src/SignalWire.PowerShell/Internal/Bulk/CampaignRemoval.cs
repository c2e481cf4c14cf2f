using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal.Bulk;

/// <summary>
/// One number to take off its 10DLC campaign. Its lane is the phone number's id, so the same number named twice is
/// removed once; an assignment that names no phone number id (the registry nests it) has its own id for a lane. Nothing
/// is read first: the assignment says all the removal needs.
/// </summary>
internal sealed class CampaignRemoval : BulkItem
{
    public CampaignRemoval(CampaignNumber assignment)
        : base(assignment.PhoneNumberId ?? assignment.Id, assignment.Number, null, readFirst: false) => Assignment = assignment;

    public CampaignNumber Assignment { get; }

    /// <summary>The number as the removal leaves it: its own fields are not the registry's, so only its id and number are known.</summary>
    public PhoneNumber NumberAsLeft() => new PhoneNumber { Id = Assignment.PhoneNumberId ?? "", Number = Assignment.Number };

    /// <summary>Set when an earlier input for the same number took it off already.</summary>
    public bool AlreadyRemoved { get; set; }
}
