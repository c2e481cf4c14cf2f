namespace SignalWire.Emulator;

/// <summary>
/// The project's Fabric resources, thread-safe, listed newest first like the numbers. A project holds tens or hundreds of
/// them, not the numbers' hundred thousand, so a page is found by a scan from the cursor (the ordinal of the last item
/// of the page before), which still visits every resource once when resources are added during a walk.
/// </summary>
public sealed class ResourceStore(string projectId)
{
    private readonly object _gate = new();
    private readonly List<FabricResource> _byAge = []; // oldest first
    private readonly Dictionary<string, FabricResource> _byId = new(StringComparer.OrdinalIgnoreCase);
    private long _nextOrdinal;

    public int Count
    {
        get { lock (_gate) { return _byAge.Count; } }
    }

    /// <summary>Replaces everything with <paramref name="seed"/>, oldest first; a resource without a project joins this one.</summary>
    public void Reseed(IEnumerable<FabricResource> seed)
    {
        var seeded = seed.Select(Own).ToList();
        lock (_gate)
        {
            _byAge.Clear();
            _byId.Clear();
            foreach (var resource in seeded)
            {
                _byAge.Add(resource);
                _byId[resource.Id] = resource;
            }
            _nextOrdinal = seeded.Count == 0 ? 0 : seeded.Max(r => r.Ordinal) + 1;
        }
    }

    /// <summary>Adds resources as the newest, in order, or none of them (a <see cref="FormatException"/>) when an id is taken.</summary>
    public IReadOnlyList<FabricResource> Add(IEnumerable<FabricResource> resources)
    {
        var added = new List<FabricResource>();
        lock (_gate)
        {
            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var resource in resources)
            {
                if (_byId.ContainsKey(resource.Id) || !ids.Add(resource.Id))
                {
                    throw new FormatException($"a resource with the id {resource.Id} is already in the project.");
                }
            }
            foreach (var resource in resources)
            {
                var stored = Own(resource).WithOrdinal(_nextOrdinal++);
                _byAge.Add(stored);
                _byId[stored.Id] = stored;
                added.Add(stored);
            }
        }
        return added;
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            if (!_byId.Remove(id, out var removed))
            {
                return false;
            }
            _byAge.Remove(removed);
            return true;
        }
    }

    public FabricResource? Get(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// The resource of <paramref name="type"/> that <paramref name="id"/> designates, by its own id or by the id inside its
    /// object (see <see cref="FabricResource.IsNamedBy"/>), or null.
    /// </summary>
    public FabricResource? Find(string type, string id)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(id, out var byId))
            {
                return byId.Type == type ? byId : null;
            }
            return _byAge.FirstOrDefault(r => r.Type == type && r.IsNamedBy(id));
        }
    }

    /// <summary>Every resource, newest first (a snapshot).</summary>
    public IReadOnlyList<FabricResource> AllNewestFirst()
    {
        lock (_gate)
        {
            var all = new List<FabricResource>(_byAge);
            all.Reverse();
            return all;
        }
    }

    /// <summary>One page, newest first, of the resources (of <paramref name="type"/> when given; see <see cref="ListPaging.Slice"/>).</summary>
    public ListSlice<FabricResource> Page(string? type, long before, int pageSize)
    {
        lock (_gate)
        {
            return ListPaging.Slice(Enumerable.Reverse(_byAge).Where(r => type is null || r.Type == type), r => r.Ordinal, before, pageSize);
        }
    }

    private FabricResource Own(FabricResource resource) => resource.ProjectId is null ? resource.WithProjectId(projectId) : resource;
}
