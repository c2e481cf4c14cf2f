namespace SignalWire.PowerShell { internal static class Placeholder { } }
