namespace SignalWire.Emulator;

/// <summary>
/// Sliding-window limit on writes (POST, PUT, PATCH): at most <see cref="Limit"/> in any
/// <see cref="Window"/>. Keeps the timestamps of the writes inside the window.
/// </summary>
public sealed class WriteLimitWindow
{
    private readonly object _gate = new();
    private readonly Queue<DateTime> _recent = new();
    private int _limit;
    private TimeSpan _window;

    public WriteLimitWindow(int limit, TimeSpan window)
    {
        _limit = limit;
        _window = window;
    }

    public int Limit
    {
        get { lock (_gate) { return _limit; } }
    }

    public TimeSpan Window
    {
        get { lock (_gate) { return _window; } }
    }

    public void Configure(int? limit, TimeSpan? window)
    {
        lock (_gate)
        {
            _limit = limit ?? _limit;
            _window = window ?? _window;
            _recent.Clear();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _recent.Clear();
        }
    }

    /// <summary>Records a write if allowed; otherwise returns how long until one is allowed.</summary>
    public bool TryAcquire(DateTime now, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            retryAfter = TimeSpan.Zero;
            if (_limit <= 0)
            {
                return true;
            }
            while (_recent.Count > 0 && now - _recent.Peek() >= _window)
            {
                _recent.Dequeue();
            }
            if (_recent.Count >= _limit)
            {
                retryAfter = _recent.Peek() + _window - now;
                return false;
            }
            _recent.Enqueue(now);
            return true;
        }
    }
}
