namespace SignalWire.Emulator;

/// <summary>
/// The 10DLC campaign registry of the project: brands, campaigns, number assignments and assignment orders, thread-safe.
/// Every change happens under <see cref="Gate"/>, so an order's checks, its assignments and its later processing never
/// interleave with another order or a removal.
/// </summary>
public sealed class RegistryStore
{
    private readonly List<RegistryBrand> _brands = [];
    private readonly List<RegistryCampaign> _campaigns = [];
    private readonly List<RegistryAssignment> _assignments = [];
    private readonly List<RegistryOrder> _orders = [];
    private long _nextAssignment;
    private long _nextOrder;

    /// <summary>Held for any change; the number store's own lock may be taken inside it, never the reverse.</summary>
    public object Gate { get; } = new();

    /// <summary>Bumped by <see cref="Reseed"/>, so an order scheduled before a reset is never processed after it.</summary>
    public long Generation { get; private set; }

    /// <summary>Replaces everything with the given brands, campaigns and assignments (each oldest first) and no orders.</summary>
    public void Reseed(IEnumerable<RegistryBrand> brands, IEnumerable<RegistryCampaign> campaigns, IEnumerable<RegistryAssignment> assignments)
    {
        lock (Gate)
        {
            _brands.Clear();
            _brands.AddRange(brands.Select((b, i) => b with { Ordinal = i }));
            _campaigns.Clear();
            _campaigns.AddRange(campaigns.Select((c, i) => c with { Ordinal = i }));
            _assignments.Clear();
            _assignments.AddRange(assignments.Select((a, i) => a with { Ordinal = i }));
            _nextAssignment = _assignments.Count;
            _orders.Clear();
            _nextOrder = 0;
            Generation++;
        }
    }

    public RegistryBrand? Brand(string id)
    {
        lock (Gate)
        {
            return _brands.Find(b => Same(b.Id, id));
        }
    }

    public RegistryCampaign? Campaign(string id)
    {
        lock (Gate)
        {
            return _campaigns.Find(c => Same(c.Id, id));
        }
    }

    public RegistryOrder? Order(string id)
    {
        lock (Gate)
        {
            return _orders.Find(o => Same(o.Id, id));
        }
    }

    public RegistryAssignment? Assignment(string id)
    {
        lock (Gate)
        {
            return _assignments.Find(a => Same(a.Id, id));
        }
    }

    /// <summary>The assignment that holds a number (E.164) on any campaign, in any state, or null.</summary>
    public RegistryAssignment? AssignmentOfNumber(string e164)
    {
        lock (Gate)
        {
            return _assignments.Find(a => a.Number == e164);
        }
    }

    public int CountOnCampaign(string campaignId)
    {
        lock (Gate)
        {
            return _assignments.Count(a => Same(a.CampaignId, campaignId));
        }
    }

    /// <summary>Brands whose name contains <paramref name="name"/> and whose state is <paramref name="state"/>, newest first.</summary>
    public List<RegistryBrand> Brands(string? name, string? state)
    {
        lock (Gate)
        {
            return NewestFirst(_brands).Where(b => Contains(b.Name, name) && Is(b.State, state)).ToList();
        }
    }

    public List<RegistryCampaign> CampaignsOf(string brandId, string? name, string? state)
    {
        lock (Gate)
        {
            return NewestFirst(_campaigns).Where(c => Same(c.BrandId, brandId) && Contains(c.Name, name) && Is(c.State, state)).ToList();
        }
    }

    public List<RegistryAssignment> AssignmentsOf(string campaignId, string? state)
    {
        lock (Gate)
        {
            return NewestFirst(_assignments).Where(a => Same(a.CampaignId, campaignId) && Is(a.State, state)).ToList();
        }
    }

    public List<RegistryOrder> OrdersOf(string campaignId, string? state)
    {
        lock (Gate)
        {
            return NewestFirst(_orders).Where(o => Same(o.CampaignId, campaignId) && Is(o.State, state)).ToList();
        }
    }

    /// <summary>Everything the registry holds, each list oldest first, for the control endpoints.</summary>
    public RegistryContents Contents()
    {
        lock (Gate)
        {
            return new RegistryContents([.. _brands], [.. _campaigns], [.. _assignments], [.. _orders]);
        }
    }

    /// <summary>Adds brands, campaigns and assignments (each oldest first) as the newest; the caller has checked them.</summary>
    public void Add(RegistrySeed added)
    {
        lock (Gate)
        {
            var brand = _brands.Count == 0 ? 0 : _brands[^1].Ordinal + 1;
            _brands.AddRange(added.Brands.Select(b => b with { Ordinal = brand++ }));
            var campaign = _campaigns.Count == 0 ? 0 : _campaigns[^1].Ordinal + 1;
            _campaigns.AddRange(added.Campaigns.Select(c => c with { Ordinal = campaign++ }));
            _assignments.AddRange(added.Assignments.Select(a => a with { Ordinal = _nextAssignment++ }));
        }
    }

    /// <summary>Removes an assignment whatever its state (the API's own rules are the caller's); false when unknown.</summary>
    public bool RemoveAssignment(string id)
    {
        lock (Gate)
        {
            return _assignments.RemoveAll(a => Same(a.Id, id)) > 0;
        }
    }

    // ---- changes (call under Gate) --------------------------------------------------------------

    /// <summary>A new pending order and one pending assignment per number; the caller has checked them.</summary>
    public RegistryOrder AddOrder(string campaignId, IReadOnlyList<EmulatedNumber> numbers, string? statusCallbackUrl, DateTime now)
    {
        var ordinal = _nextOrder++;
        var order = new RegistryOrder
        {
            Ordinal = ordinal,
            Id = SeedData.DeterministicId(ordinal, OrderSalt),
            CampaignId = campaignId,
            CreatedAt = now,
            UpdatedAt = now,
            StatusCallbackUrl = statusCallbackUrl,
        };
        _orders.Add(order);
        foreach (var number in numbers)
        {
            var assignmentOrdinal = _nextAssignment++;
            _assignments.Add(new RegistryAssignment
            {
                Ordinal = assignmentOrdinal,
                Id = SeedData.DeterministicId(assignmentOrdinal, AssignmentSalt),
                CampaignId = campaignId,
                PhoneNumberId = number.Id,
                PhoneNumberName = number.Name,
                Number = number.Number,
                StatusCallbackUrl = statusCallbackUrl,
                OrderId = order.Id,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        return order;
    }

    /// <summary>The order processed: its assignments take the state <paramref name="outcome"/> gives each.</summary>
    public void Process(string orderId, Func<RegistryAssignment, string> outcome, DateTime now)
    {
        var index = _orders.FindIndex(o => o.Id == orderId);
        if (index < 0)
        {
            return;
        }
        _orders[index] = _orders[index] with { State = "processed", ProcessedAt = now, UpdatedAt = now };
        for (var i = 0; i < _assignments.Count; i++)
        {
            if (_assignments[i].OrderId == orderId && _assignments[i].State == "pending")
            {
                _assignments[i] = _assignments[i] with { State = outcome(_assignments[i]), UpdatedAt = now };
            }
        }
    }

    /// <summary>A number released from the project leaves its campaign with it.</summary>
    public void ForgetNumber(string phoneNumberId)
    {
        lock (Gate)
        {
            _assignments.RemoveAll(a => Same(a.PhoneNumberId, phoneNumberId));
        }
    }

    internal const ulong AssignmentSalt = 0xA551_0000_0010_D1C0;
    private const ulong OrderSalt = 0x0DE2_0000_0010_D1C0;

    private static IEnumerable<T> NewestFirst<T>(List<T> oldestFirst) => Enumerable.Reverse(oldestFirst);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(string value, string? part) =>
        string.IsNullOrEmpty(part) || value.Contains(part, StringComparison.OrdinalIgnoreCase);

    private static bool Is(string value, string? state) => string.IsNullOrEmpty(state) || string.Equals(value, state, StringComparison.Ordinal);
}

/// <summary>What the registry holds, each list oldest first.</summary>
public sealed record RegistryContents(
    IReadOnlyList<RegistryBrand> Brands,
    IReadOnlyList<RegistryCampaign> Campaigns,
    IReadOnlyList<RegistryAssignment> Assignments,
    IReadOnlyList<RegistryOrder> Orders);
