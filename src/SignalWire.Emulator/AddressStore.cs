namespace SignalWire.Emulator;

/// <summary>
/// The project's E911 addresses and the emulated carrier's registrations of numbers, thread-safe. Every change to a
/// number's E911 state (assignment, removal, the carrier's later confirmation) happens under <see cref="Gate"/>, so an
/// assignment and its confirmation can never interleave with another E911 change of the same number.
/// </summary>
public sealed class AddressStore
{
    private readonly List<EmergencyAddress> _byAge = []; // oldest first
    private readonly Dictionary<string, EmergencyAddress> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, E911Registration> _registrations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _e911Versions = new(StringComparer.OrdinalIgnoreCase);
    private long _nextOrdinal;
    private long _nextVersion;

    /// <summary>Held for any E911 change; the number store's own lock may be taken inside it, never the reverse.</summary>
    public object Gate { get; } = new();

    /// <summary>Bumped by <see cref="Clear"/>, so a confirmation scheduled before a reset never lands after it.</summary>
    public long Generation { get; private set; }

    public int Count
    {
        get { lock (Gate) { return _byAge.Count; } }
    }

    public void Clear()
    {
        lock (Gate)
        {
            _byAge.Clear();
            _byId.Clear();
            _registrations.Clear();
            _e911Versions.Clear();
            _nextOrdinal = 0;
            Generation++;
        }
    }

    public EmergencyAddress? Get(string id)
    {
        lock (Gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>Stores a new address with the next ordinal and a deterministic id.</summary>
    public EmergencyAddress Add(EmergencyAddress address)
    {
        lock (Gate)
        {
            var ordinal = _nextOrdinal++;
            var added = address with { Ordinal = ordinal, Id = SeedData.DeterministicId(ordinal, 0xADD2_E911) };
            _byAge.Add(added);
            _byId[added.Id] = added;
            return added;
        }
    }

    /// <summary>Replaces an address, keeping its id and place in the list; null when the id is unknown.</summary>
    public EmergencyAddress? Replace(string id, EmergencyAddress address)
    {
        lock (Gate)
        {
            if (!_byId.TryGetValue(id, out var current))
            {
                return null;
            }
            var replaced = address with { Ordinal = current.Ordinal, Id = current.Id };
            _byId[current.Id] = replaced;
            _byAge[_byAge.IndexOf(current)] = replaced;
            return replaced;
        }
    }

    public bool Remove(string id)
    {
        lock (Gate)
        {
            if (!_byId.Remove(id, out var removed))
            {
                return false;
            }
            _byAge.Remove(removed);
            return true;
        }
    }

    /// <summary>One page, newest first, of the addresses whose label contains <paramref name="label"/> (<see cref="ListPaging.Slice"/>).</summary>
    public ListSlice<EmergencyAddress> Page(string? label, long before, int pageSize)
    {
        lock (Gate)
        {
            return ListPaging.Slice(NewestFirst(label), a => a.Ordinal, before, pageSize);
        }
    }

    private IEnumerable<EmergencyAddress> NewestFirst(string? label) =>
        Enumerable.Reverse(_byAge).Where(a => string.IsNullOrEmpty(label) || a.Label.Contains(label, StringComparison.OrdinalIgnoreCase));

    // ---- the carrier's side of E911 (call under Gate) ----------------------------------------

    /// <summary>A new version of a number's E911 state: a confirmation scheduled for an older version is stale.</summary>
    public long NextE911Version(string numberId)
    {
        var version = ++_nextVersion;
        _e911Versions[numberId] = version;
        return version;
    }

    public bool IsCurrentE911Version(string numberId, long version) =>
        _e911Versions.TryGetValue(numberId, out var current) && current == version;

    public void Register(E911Registration registration) => _registrations[registration.NumberId] = registration;

    public void Unregister(string numberId) => _registrations.Remove(numberId);

    public E911Registration? Registration(string numberId) => _registrations.GetValueOrDefault(numberId);

    /// <summary>Every registration the carrier holds, for the control endpoint.</summary>
    public IReadOnlyList<E911Registration> Registrations()
    {
        lock (Gate)
        {
            return _registrations.Values.OrderBy(r => r.Number, StringComparer.Ordinal).ToList();
        }
    }
}
