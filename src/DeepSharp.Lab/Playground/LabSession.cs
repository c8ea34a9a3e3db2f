using System.Diagnostics;
using DeepSharp.Lab.Web;

namespace DeepSharp.Lab.Playground;

/// <summary>
/// One page's training: data, network, trainer, loss curves and the event stream of frames.
/// Every operation takes the session's lock, so the training loop, the step and walk requests
/// and the frames never see a half-updated network.
/// </summary>
public sealed class LabSession : IDisposable
{
    /// <summary>Longest stretch of training inside one frame while playing, so frames keep coming at the frame rate.</summary>
    public static readonly TimeSpan TrainingBudgetPerFrame = TimeSpan.FromMilliseconds(40);

    /// <summary>Time between two frames while playing (20 frames a second).</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(50);

    private const int MaxHistory = 600;
    private readonly Lock _gate = new();
    private readonly List<LossPoint> _history = [];
    private LabSettings _settings;
    private LabData _data = null!;
    private LabNetwork _network = null!;
    private LabTrainer _trainer = null!;
    private FrameBuilder _frames = null!;
    private string[][] _names = null!;
    private LabFrame _frame = null!;
    private CancellationTokenSource? _playing;
    private Task? _loop;

    /// <summary>Creates the session and builds its data and network.</summary>
    public LabSession(string id, LabSettings settings)
    {
        Id = id;
        _settings = settings;
        Rebuild();
    }

    /// <summary>The session id.</summary>
    public string Id { get; }

    /// <summary>Where frames go.</summary>
    public Broadcast Frames { get; } = new();

    /// <summary>When the page last asked for something.</summary>
    public DateTime LastSeen { get; private set; } = DateTime.UtcNow;

    /// <summary>Whether the training loop runs.</summary>
    public bool IsPlaying
    {
        get
        {
            lock (_gate) return _playing is not null;
        }
    }

    /// <summary>The settings in force.</summary>
    public LabSettings Settings
    {
        get
        {
            lock (_gate) return _settings;
        }
    }

    /// <summary>Marks the session as in use.</summary>
    public void Touch() => LastSeen = DateTime.UtcNow;

    /// <summary>The whole state for a page that (re)connects.</summary>
    public LabSnapshot Snapshot()
    {
        lock (_gate)
        {
            var d = _data;
            var xs = new float[d.Labels.Length];
            var ys = new float[d.Labels.Length];
            for (int i = 0; i < xs.Length; i++) (xs[i], ys[i]) = (d.Points[2 * i], d.Points[2 * i + 1]);
            string activation = LabNames.Name(_settings.Activation);
            var layers = _network.Layers.Select((l, i) =>
                new LayoutLayer(l.Units, l.Pieces, _names[i], i == _network.Layers.Count - 1 ? "sigmoid" : activation)).ToArray();
            var layout = new LabLayout([.. _settings.Features.Select(LabNames.Name)], layers, ActivationLayers.Formula(_settings.Activation),
                LabData.Extent, PlotGrid.BoundarySize, PlotGrid.NeuronSize);
            return new LabSnapshot(Id, _settings.ToConfig(), layout, new LabPoints(xs, ys, d.Labels, d.TrainIndices, d.TestIndices),
                _frames.FeatureMaps, [.. _history], _frame);
        }
    }

    /// <summary>The current frame.</summary>
    public LabFrame Frame
    {
        get
        {
            lock (_gate) return _frame;
        }
    }

    /// <summary>Takes new settings: new data and network when those changed, else new hyperparameters only.</summary>
    /// <returns>True when the session was rebuilt (training starts over).</returns>
    public bool Configure(LabSettings settings)
    {
        lock (_gate)
        {
            bool rebuild = _settings.NeedsRebuild(settings);
            _settings = settings;
            if (rebuild) Rebuild();
            else
            {
                _trainer.Apply(settings);
                Publish();
            }
            return rebuild;
        }
    }

    /// <summary>Starts over with fresh weights (same data).</summary>
    public void Reset()
    {
        lock (_gate) Rebuild();
    }

    /// <summary>Applies <paramref name="count"/> updates and publishes a frame.</summary>
    public LabFrame Step(int count)
    {
        lock (_gate)
        {
            for (int i = 0; i < count; i++) _trainer.Step();
            Publish();
            return _frame;
        }
    }

    /// <summary>The backprop walk of the point <paramref name="index"/>.</summary>
    /// <exception cref="LabRequestException">The index is not a point of the session.</exception>
    public WalkResult Walk(int index)
    {
        lock (_gate)
        {
            if (index < 0 || index >= _data.Labels.Length)
                throw new LabRequestException($"index: expected a point from 0 to {_data.Labels.Length - 1}, got {index}.");
            string split = Array.BinarySearch(_data.TrainIndices, index) >= 0 ? "train" : "test";
            var sample = new WalkSample(split, index, _data.Points[2 * index], _data.Points[2 * index + 1], _data.Labels[index]);
            return BackpropWalk.Run(_network, _settings, sample, [.. _settings.Features.Select(LabNames.Name)], _names);
        }
    }

    /// <summary>Starts the training loop (no-op when it runs).</summary>
    public void Play()
    {
        lock (_gate)
        {
            if (_playing is not null) return;
            _playing = new CancellationTokenSource();
            var token = _playing.Token;
            _loop = Task.Run(() => Loop(token), CancellationToken.None);
            Publish();
        }
    }

    /// <summary>Stops the training loop after its current frame.</summary>
    public void Pause()
    {
        Task? loop;
        lock (_gate)
        {
            if (_playing is null) return;
            _playing.Cancel();
            _playing.Dispose();
            _playing = null;
            loop = _loop;
            _loop = null;
        }
        loop?.Wait(TimeSpan.FromSeconds(5));
        lock (_gate) Publish();
    }

    private async Task Loop(CancellationToken token)
    {
        using var timer = new PeriodicTimer(FrameInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                lock (_gate)
                {
                    if (token.IsCancellationRequested) return;
                    var clock = Stopwatch.StartNew();
                    for (int i = 0; i < _settings.StepsPerFrame && clock.Elapsed < TrainingBudgetPerFrame; i++) _trainer.Step();
                    Publish();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Rebuild()
    {
        _data = LabData.Generate(_settings);
        _network = new LabNetwork(_settings);
        _trainer = new LabTrainer(_network, _data.Subset(_data.TrainIndices, _settings.Features), _data.Subset(_data.TestIndices, _settings.Features), _settings);
        _frames = new FrameBuilder(_settings.Features);
        _names = NeuronNames.For(_network.Layers.Select(l => l.Units));
        _history.Clear();
        Publish();
    }

    // Under the lock: a new frame, a point of the curves, and the frame to every stream.
    private void Publish()
    {
        _frame = _frames.Build(_network, _trainer, _playing is not null);
        if (_history.Count == 0 || _history[^1].Step != _frame.Step)
        {
            _history.Add(new LossPoint(_frame.Step, _frame.TrainLoss, _frame.TestLoss));
            // Keep the curves bounded: drop every other old point, keeping the first and the latest.
            if (_history.Count > MaxHistory)
                for (int i = _history.Count - 2; i > 0; i -= 2) _history.RemoveAt(i);
        }
        Frames.Publish(LabJson.Bytes(new FrameMessage(_frame, _history[^1])));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Pause();
        Frames.Complete();
    }
}

/// <summary>What the event stream sends: the frame and the newest point of the curves.</summary>
/// <param name="Frame">The frame.</param>
/// <param name="Point">The loss point it adds.</param>
public sealed record FrameMessage(LabFrame Frame, LossPoint Point);
