namespace SignalWire.Emulator;

/// <summary>One object of a snapshot as a reader found it: its location for messages and its properties, keyed by normalized name.</summary>
internal sealed record SeedRecord(string Where, Dictionary<string, SeedValue> Properties);

/// <summary>A property value as read: null, text or a list of texts; <c>Name</c> is the spelling in the file.</summary>
internal sealed record SeedValue(string Name, string? Text, IReadOnlyList<string>? Items = null, string? Problem = null, bool FromCsv = false);
