using DeepSharp.Lab.Web;

namespace DeepSharp.Lab.Dashboard;

/// <summary>
/// Watches a runs folder by polling (twice a second: file-system events are unreliable on network
/// and container file systems) and streams every change: a run's new epochs, a new run, a run gone.
/// </summary>
public sealed class RunWatcher : IDisposable
{
    /// <summary>Time between two looks at the folder.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly RunCatalog _catalog;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Fingerprint, RunState State)> _runs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Creates the watcher of <paramref name="catalog"/>; <see cref="Start"/> begins polling.</summary>
    public RunWatcher(RunCatalog catalog)
    {
        _catalog = catalog;
        Refresh();
    }

    /// <summary>Where changes go: messages <c>{"type":"run","run":RunState}</c> and <c>{"type":"removed","name":...}</c>.</summary>
    public Broadcast Changes { get; } = new();

    /// <summary>Every run now, most recent first.</summary>
    public IReadOnlyList<RunState> Runs
    {
        get
        {
            lock (_gate) return [.. _catalog.Names().Where(_runs.ContainsKey).Select(n => _runs[n].State)];
        }
    }

    /// <summary>Starts polling.</summary>
    public void Start() => _loop ??= Task.Run(Loop);

    /// <summary>Looks at the folder once and publishes what changed.</summary>
    public void Refresh()
    {
        var names = _catalog.Names();
        var messages = new List<byte[]>();
        lock (_gate)
        {
            foreach (var gone in _runs.Keys.Except(names).ToList())
            {
                _runs.Remove(gone);
                messages.Add(LabJson.Bytes(new { Type = "removed", Name = gone }));
            }
            foreach (var name in names)
            {
                string dir = Path.Combine(_catalog.Root, name);
                string fingerprint = Fingerprint(dir);
                if (_runs.TryGetValue(name, out var known) && known.Fingerprint == fingerprint) continue;
                var state = RunReader.Read(name, dir);
                _runs[name] = (fingerprint, state);
                messages.Add(LabJson.Bytes(new { Type = "run", Run = state }));
            }
        }
        foreach (var m in messages) Changes.Publish(m);
    }

    private async Task Loop()
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    Refresh();
                }
                catch (IOException)
                {
                    // A run folder vanished mid-scan; the next look sees the settled state.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // What changes when a run writes: sizes and times of its files, the number of frames; a running
    // run also changes state when it goes quiet, so the age bucket of its last write is part of it.
    private static string Fingerprint(string dir)
    {
        static string Stamp(string path)
        {
            var f = new FileInfo(path);
            return f.Exists ? $"{f.Length}@{f.LastWriteTimeUtc.Ticks}" : "-";
        }
        var history = new FileInfo(Path.Combine(dir, RunFileNames.History));
        bool recent = history.Exists && DateTime.UtcNow - history.LastWriteTimeUtc < RunReader.RunningWindow;
        return string.Join('|', Stamp(history.FullName), Stamp(Path.Combine(dir, RunFileNames.Checkpoint)), Stamp(Path.Combine(dir, RunFileNames.Info)),
            RunFileNames.FrameEpochs(dir).Length, string.Join(',', RunFileNames.Pictures.Select(p => File.Exists(Path.Combine(dir, p)))), recent);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
        Changes.Complete();
        _stop.Dispose();
    }
}
