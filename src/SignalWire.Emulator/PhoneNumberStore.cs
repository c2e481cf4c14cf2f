using System.Text.RegularExpressions;

namespace SignalWire.Emulator;

/// <summary>
/// The project's numbers, thread-safe. Kept in a list sorted by creation (oldest first, so a new
/// number is an O(1) append) and walked from the end for "newest first". Pages are found by a
/// cursor (the ordinal of the previous page's last item) with a binary search, so each page costs
/// O(page), and a walk visits every number once even if numbers are added meanwhile.
/// </summary>
public sealed partial class PhoneNumberStore
{
    private readonly object _gate = new();
    private readonly List<EmulatedNumber> _byAge = [];
    private readonly Dictionary<string, EmulatedNumber> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, EmulatedNumber> _byNumber = new(StringComparer.Ordinal); // by E.164
    private long _nextOrdinal;

    public PhoneNumberStore(int seedCount) => Reseed(seedCount);

    /// <summary>Starts with the given numbers (e.g. a snapshot), oldest first with ascending ordinals.</summary>
    public PhoneNumberStore(IEnumerable<EmulatedNumber> seed) => Reseed(seed);

    public int Count
    {
        get { lock (_gate) { return _byAge.Count; } }
    }

    /// <summary>Replaces everything with the deterministic seed of <paramref name="count"/> numbers.</summary>
    public void Reseed(int count) => Reseed(SeedData.Create(Math.Max(0, count)));

    /// <summary>Replaces everything with the given numbers, oldest first with ascending ordinals.</summary>
    public void Reseed(IEnumerable<EmulatedNumber> seed)
    {
        var seeded = seed.ToList();
        lock (_gate)
        {
            _byAge.Clear();
            _byId.Clear();
            _byNumber.Clear();
            foreach (var number in seeded)
            {
                Insert(number);
            }
            _nextOrdinal = seeded.Count == 0 ? 0 : seeded[^1].Ordinal + 1;
        }
    }

    public EmulatedNumber? Get(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>The project's number <paramref name="e164"/>, or null.</summary>
    public EmulatedNumber? GetByNumber(string e164)
    {
        lock (_gate)
        {
            return _byNumber.GetValueOrDefault(e164);
        }
    }

    public bool ContainsNumber(string e164) => GetByNumber(e164) is not null;

    /// <summary>Every number, newest first (a snapshot).</summary>
    public IReadOnlyList<EmulatedNumber> AllNewestFirst()
    {
        lock (_gate)
        {
            var all = new List<EmulatedNumber>(_byAge);
            all.Reverse();
            return all;
        }
    }

    /// <summary>Adds a newly bought number; null when the project already holds it.</summary>
    public EmulatedNumber? Add(string e164, DateTime now)
    {
        lock (_gate)
        {
            if (_byNumber.ContainsKey(e164))
            {
                return null;
            }
            var ordinal = _nextOrdinal++;
            // Stay consistent with "newest first" even if the clock is behind the seed dates.
            if (_byAge.Count > 0)
            {
                var newest = DateTime.Parse(_byAge[^1]["created_at"]!, null,
                    System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
                if (now <= newest)
                {
                    now = newest.AddSeconds(1);
                }
            }
            now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
            var number = EmulatedNumber.Create(ordinal, SeedData.DeterministicId(ordinal, 0xB0B0), e164,
                EmulatedNumber.FormatNanp(e164), ["voice", "fax", "sms", "mms"],
                NumberTypeOf(e164), now, now.AddMonths(1),
                new Dictionary<string, string?> { ["call_handler"] = "laml_webhooks", ["message_handler"] = "laml_webhooks" });
            Insert(number);
            return number;
        }
    }

    public static readonly IReadOnlySet<string> TollFreeAreaCodes =
        new HashSet<string>(["800", "833", "844", "855", "866", "877", "888"]);

    /// <summary>Whether <paramref name="text"/> is a number in E.164 format: "+", a country code, at most 15 digits.</summary>
    internal static bool IsE164(string text) => E164().IsMatch(text);

    /// <summary>The number_type of <paramref name="e164"/>: "toll-free" for a North American toll-free area code, else "longcode".</summary>
    internal static string NumberTypeOf(string e164) =>
        e164.Length == 12 && e164.StartsWith("+1", StringComparison.Ordinal) && TollFreeAreaCodes.Contains(e164[2..5])
            ? "toll-free" : "longcode";

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    /// <summary>Applies a partial update; null when the id is unknown.</summary>
    public EmulatedNumber? Update(string id, IReadOnlyDictionary<string, string?> changes, DateTime now)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var current))
            {
                return null;
            }
            var updated = current.With(changes, now);
            _byId[updated.Id] = updated;
            _byNumber[updated.Number] = updated;
            _byAge[IndexOf(current.Ordinal)] = updated;
            return updated;
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            if (!_byId.Remove(id, out var removed))
            {
                return false;
            }
            _byNumber.Remove(removed.Number);
            _byAge.RemoveAt(IndexOf(removed.Ordinal));
            return true;
        }
    }

    /// <summary>
    /// One page, newest first: up to <paramref name="pageSize"/> matching numbers with an ordinal
    /// below <paramref name="before"/>; <c>HasMore</c> tells whether another match follows.
    /// </summary>
    public (IReadOnlyList<EmulatedNumber> Items, bool HasMore) Page(NumberFilter filter, long before, int pageSize)
    {
        var items = new List<EmulatedNumber>(Math.Min(pageSize, 1024));
        lock (_gate)
        {
            var i = IndexBelow(before);
            for (; i >= 0 && items.Count < pageSize; i--)
            {
                if (filter.Matches(_byAge[i]))
                {
                    items.Add(_byAge[i]);
                }
            }
            for (; i >= 0; i--)
            {
                if (filter.Matches(_byAge[i]))
                {
                    return (items, true);
                }
            }
            return (items, false);
        }
    }

    /// <summary>
    /// The cursor of the page before the one that starts below <paramref name="before"/>:
    /// skip <paramref name="pageSize"/> matches upward, the next match's ordinal is that cursor
    /// (long.MaxValue when the previous page is the first).
    /// </summary>
    public long PreviousCursor(NumberFilter filter, long before, int pageSize)
    {
        lock (_gate)
        {
            var seen = 0;
            for (var i = IndexBelow(before) + 1; i < _byAge.Count; i++)
            {
                if (!filter.Matches(_byAge[i]))
                {
                    continue;
                }
                if (seen == pageSize)
                {
                    return _byAge[i].Ordinal;
                }
                seen++;
            }
            return long.MaxValue;
        }
    }

    private void Insert(EmulatedNumber number)
    {
        _byAge.Add(number);
        _byId[number.Id] = number;
        _byNumber[number.Number] = number;
    }

    private int IndexOf(long ordinal)
    {
        var index = IndexBelow(ordinal + 1);
        return index >= 0 && _byAge[index].Ordinal == ordinal
            ? index
            : throw new InvalidOperationException("The sorted list lost a number.");
    }

    /// <summary>Index of the last number with an ordinal below <paramref name="before"/>, or -1.</summary>
    private int IndexBelow(long before)
    {
        int lo = 0, hi = _byAge.Count - 1, result = -1;
        while (lo <= hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (_byAge[mid].Ordinal < before)
            {
                result = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return result;
    }
}

/// <summary>The list filters: substring matches on name (case-insensitive) and on number.</summary>
public sealed record NumberFilter(string? Name, string? Number)
{
    public bool IsEmpty => string.IsNullOrEmpty(Name) && string.IsNullOrEmpty(Number);

    public bool Matches(EmulatedNumber number) =>
        (string.IsNullOrEmpty(Name) || (number.Name ?? "").Contains(Name, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Number) || number.Number.Contains(Number, StringComparison.Ordinal));
}
