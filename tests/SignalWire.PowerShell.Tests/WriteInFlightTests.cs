using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// A write a stop finds unsent never leaves, and one that left is never cancelled by the stop: whichever comes first,
/// the client's sending or the stop's abort, decides, so a stop names as unknown only writes that really left.
/// </summary>
public class WriteInFlightTests
{
    private static WriteInFlight NewWrite(Journal journal) =>
        new(PhoneNumberWrite.RemoveAddress("0b4e8d43-2a8b-4a3a-9f1e-000007000001", "+15557000001", null), CancellationToken.None, null, journal);

    [Fact]
    public void A_write_aborted_before_the_client_sends_it_does_not_leave_and_is_not_journaled()
    {
        var journal = new Journal();
        var write = NewWrite(journal);
        write.AbortIfUnsent();

        Assert.Throws<OperationCanceledException>(() => ((IRequestObserver)write).RequestSending("DELETE", new Uri("https://example.invalid/")));
        Assert.False(write.Sent);
        Assert.True(write.Abort.IsCancellationRequested);
        Assert.Equal(0, journal.Sending);
    }

    [Fact]
    public void A_write_on_the_wire_is_not_cancelled_by_a_stop()
    {
        var journal = new Journal();
        var write = NewWrite(journal);
        ((IRequestObserver)write).RequestSending("DELETE", new Uri("https://example.invalid/"));
        write.AbortIfUnsent();

        Assert.True(write.Sent);
        Assert.False(write.Abort.IsCancellationRequested);
        Assert.Equal(1, journal.Sending);
    }

    private sealed class Journal : IChangeObserver
    {
        public int Sending { get; private set; }

        public void WriteSending(PhoneNumberWrite write) => Sending++;

        public void WriteEnded(PhoneNumberWrite write, WriteOutcome outcome)
        {
        }
    }
}
