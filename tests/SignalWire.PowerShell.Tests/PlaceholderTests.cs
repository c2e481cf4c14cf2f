namespace SignalWire.PowerShell.Tests;
public class PlaceholderTests { [Fact] public void Runs() => Assert.True(true); }
