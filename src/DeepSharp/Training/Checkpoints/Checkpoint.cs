using System.Globalization;
using DeepSharp.Serialization;
using DeepSharp.Data;
using DeepSharp.IO;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>
/// A training checkpoint: one <c>.safetensors</c> file holding the model weights (<c>model.*</c>),
/// the optimizer's buffers (<c>optimizer.&lt;index&gt;.&lt;buffer&gt;</c>), random generator states
/// (<c>rng.&lt;name&gt;</c>, I64 [6]) and, in the metadata, the model description, the epoch, the
/// optimizer's step counts and learning rates, the schedule state, the data loader position and
/// the history so far. Enough to rebuild the model without code and to resume training exactly.
/// </summary>
/// <remarks>
/// <para>A loaded checkpoint has been validated completely (names, dtypes, shapes, every metadata
/// field, the description against the weights), so restoring from it fails only when the objects
/// given do not fit it. Files are written atomically.</para>
/// <para>Resume: build the model with <see cref="BuildModel"/> (or your own code plus
/// <see cref="RestoreModel"/>), create the optimizer and schedule as before, call
/// <see cref="Restore"/>, then pass <c>InitialEpoch = Epoch</c> and <c>History = CreateHistory()</c>
/// to <see cref="FitOptions"/>.</para>
/// </remarks>
public sealed partial class Checkpoint
{
    private readonly SafeTensorsFile _file;
    private readonly OptimizerSection? _optimizer;
    private readonly ScheduleSection? _schedule;
    private readonly LoaderSection? _loader;
    private readonly HistorySection? _history;
    private readonly Dictionary<string, ulong[]> _generators;

    /// <summary>The file (or source) the checkpoint was read from.</summary>
    public string SourceName => _file.SourceName;

    /// <summary>The architecture, or null when the model was not describable.</summary>
    public ModelDescription? Description { get; }

    /// <summary>Number of epochs done when the checkpoint was taken.</summary>
    public int Epoch { get; }

    /// <summary>The optimizer's class name (e.g. <c>Adam</c>), or null when none was saved.</summary>
    public string? OptimizerType => _optimizer?.Type;

    /// <summary>The schedule's class name, or null when none was saved.</summary>
    public string? ScheduleType => _schedule?.Type;

    /// <summary>The schedule state as exported by <see cref="LearningRateSchedule.GetState"/>, or null.</summary>
    public IReadOnlyDictionary<string, double>? ScheduleState => _schedule?.State;

    /// <summary>The training data loader's next epoch index, or null when no loader was saved.</summary>
    public int? LoaderEpoch => _loader?.Epoch;

    /// <summary>The training data loader's shuffle seed, or null when no loader was saved (lets a
    /// resuming caller rebuild a loader that <see cref="RestoreLoader"/> accepts).</summary>
    public ulong? LoaderSeed => _loader?.Seed;

    /// <summary>The names of the saved generator states (dropout layers as <c>model.&lt;path&gt;</c>).</summary>
    public IReadOnlyCollection<string> GeneratorNames => _generators.Keys;

    /// <summary>The history records saved (empty when none).</summary>
    public IReadOnlyList<EpochRecord> HistoryRecords => _history?.Epochs ?? [];

    /// <summary>All metadata strings of the file.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _file.Metadata;

    /// <summary>Snapshots a training run in memory (deep copies; later training does not change it).</summary>
    /// <param name="model">The model; its description is stored when it is a Sequential of known layers.</param>
    /// <param name="optimizer">The optimizer whose buffers, step counts and learning rates to keep, or null.</param>
    /// <param name="schedule">The learning-rate schedule, or null.</param>
    /// <param name="history">The history so far, or null.</param>
    /// <param name="trainLoader">The training data loader, whose epoch position fixes the next shuffle, or null.</param>
    /// <param name="generators">Other generators to save by name (e.g. <c>"default"</c> for
    /// <see cref="RandomGenerator.Default"/>); names must not start with "model.".</param>
    /// <param name="epoch">Epochs done; by default the last epoch of <paramref name="history"/>, else 0.</param>
    /// <param name="description">The architecture to store instead of the derived one.</param>
    /// <param name="metadata">Extra metadata strings stored with the checkpoint (an application's own
    /// keys, e.g. class names); the keys of the checkpoint's sections are refused.</param>
    public static Checkpoint Capture(Module model, Optimizer? optimizer = null, LearningRateSchedule? schedule = null, History? history = null,
        DataLoader? trainLoader = null, IReadOnlyDictionary<string, RandomGenerator>? generators = null, int? epoch = null,
        ModelDescription? description = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var writer = CreateWriter(model, optimizer, schedule, history, trainLoader, generators, epoch, description, metadata);
        using var buffer = new MemoryStream();
        writer.WriteTo(buffer);
        buffer.Position = 0;
        return FromFile(SafeTensorsFile.Read(buffer, "<captured checkpoint>"));
    }

    /// <summary>Captures (see <see cref="Capture"/>) and writes a checkpoint to <paramref name="path"/> atomically:
    /// everything in one write, so a killed process leaves either the previous file or the new one.</summary>
    public static void Save(string path, Module model, Optimizer? optimizer = null, LearningRateSchedule? schedule = null, History? history = null,
        DataLoader? trainLoader = null, IReadOnlyDictionary<string, RandomGenerator>? generators = null, int? epoch = null,
        ModelDescription? description = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var writer = CreateWriter(model, optimizer, schedule, history, trainLoader, generators, epoch, description, metadata);
        AtomicFile.Write(path, writer.WriteTo);
    }

    /// <summary>Writes this checkpoint to <paramref name="path"/> atomically: a failure or a killed
    /// process leaves the previous file, if any, intact.</summary>
    public void Save(string path) => Save(path, wrapStream: null);

    internal void Save(string path, Func<Stream, Stream>? wrapStream)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, ToWriter().WriteTo, wrapStream);
    }

    /// <summary>Writes the checkpoint's safetensors bytes to <paramref name="stream"/> (left open).</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ToWriter().WriteTo(stream);
    }

    private SafeTensorsWriter ToWriter()
    {
        var writer = new SafeTensorsWriter();
        foreach (var (key, value) in _file.Metadata) writer.SetMetadata(key, value);
        foreach (var entry in _file.Entries) writer.AddRaw(entry.Name, entry.DType, entry.GetShapeArray(), _file.GetRawBytes(entry.Name));
        return writer;
    }

    /// <summary>Reads and validates a checkpoint file.</summary>
    /// <exception cref="ModelFormatException">The file is not a valid DeepSharp checkpoint; the message
    /// names the file, the tensor or metadata key, and the problem.</exception>
    public static Checkpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromFile(SafeTensorsFile.Read(path));
    }

    /// <summary>Reads and validates a checkpoint from a stream (to its end; left open).</summary>
    public static Checkpoint Load(Stream stream, string sourceName) => FromFile(SafeTensorsFile.Read(stream, sourceName));

    /// <summary>Rebuilds the model from the stored description, with the saved weights and dropout generator states.</summary>
    /// <exception cref="InvalidOperationException">The checkpoint holds no description (the model was
    /// not a Sequential of known layers): build it in code and call <see cref="RestoreModel"/>.</exception>
    public Sequential BuildModel()
    {
        var description = Description ?? throw new InvalidOperationException(
            $"The checkpoint '{SourceName}' holds no model description; build the model in code and call RestoreModel.");
        var model = description.Build(new RandomGenerator(0));
        RestoreModel(model);
        return model;
    }

    /// <summary>Copies the saved weights into <paramref name="model"/>'s existing tensors and restores
    /// the generators of its dropout layers.</summary>
    /// <param name="model">A model of the saved architecture.</param>
    /// <param name="strict">Require exactly the saved names (default); otherwise report the differences.</param>
    /// <exception cref="ModelFormatException">Shapes or dtypes differ, or (strict) names do; nothing is changed then.</exception>
    public LoadReport RestoreModel(Module model, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var report = StateDictIO.Read(_file, model, MetadataKeys.ModelPrefix, strict, Description);
        foreach (var (name, generator) in OwnedGenerators(model))
            if (_generators.TryGetValue(name, out var state)) generator.SetState(state);
        return report;
    }

    /// <summary>Restores the optimizer's buffers, step counts and learning rates.</summary>
    /// <exception cref="InvalidOperationException">No optimizer state was saved.</exception>
    /// <exception cref="ArgumentException">The optimizer is of another type or over other parameters.</exception>
    public void RestoreOptimizer(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var section = _optimizer ?? throw new InvalidOperationException($"The checkpoint '{SourceName}' holds no optimizer state.");
        if (section.Type != optimizer.GetType().Name)
            throw new ArgumentException($"The checkpoint holds {section.Type} state; it cannot be restored into {optimizer.GetType().Name}.", nameof(optimizer));
        optimizer.SetState(OptimizerStateFromFile(section));
    }

    /// <summary>Restores the schedule's position and counters.</summary>
    /// <exception cref="InvalidOperationException">No schedule state was saved.</exception>
    /// <exception cref="ArgumentException">The schedule is of another type.</exception>
    public void RestoreSchedule(LearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var section = _schedule ?? throw new InvalidOperationException($"The checkpoint '{SourceName}' holds no schedule state.");
        if (section.Type != schedule.GetType().Name)
            throw new ArgumentException($"The checkpoint holds {section.Type} state; it cannot be restored into {schedule.GetType().Name}.", nameof(schedule));
        schedule.SetState(section.State);
    }

    /// <summary>Moves the data loader to the saved epoch, so its next shuffle equals the uninterrupted run's.</summary>
    /// <exception cref="InvalidOperationException">No loader position was saved.</exception>
    /// <exception cref="ArgumentException">The loader shuffles differently (seed or shuffle flag).</exception>
    public void RestoreLoader(DataLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        var section = _loader ?? throw new InvalidOperationException($"The checkpoint '{SourceName}' holds no data loader position.");
        if (section.Shuffle != loader.Shuffle || (section.Shuffle && section.Seed != loader.Seed))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The checkpoint's loader had shuffle={section.Shuffle}, seed={section.Seed}; this one has shuffle={loader.Shuffle}, seed={loader.Seed}, so it would visit the samples in another order."), nameof(loader));
        loader.Epoch = section.Epoch;
    }

    /// <summary>Sets <paramref name="generator"/> to the state saved under <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No generator of that name was saved.</exception>
    public void RestoreGenerator(string name, RandomGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(generator);
        if (!_generators.TryGetValue(name, out var state))
            throw new KeyNotFoundException($"The checkpoint '{SourceName}' holds no generator '{name}'; it holds: {string.Join(", ", _generators.Keys)}.");
        generator.SetState(state);
    }

    /// <summary>Restores everything given: weights (strictly), optimizer, schedule, loader and the named generators.</summary>
    public void Restore(Module model, Optimizer? optimizer = null, LearningRateSchedule? schedule = null, DataLoader? trainLoader = null,
        IReadOnlyDictionary<string, RandomGenerator>? generators = null)
    {
        RestoreModel(model);
        if (optimizer is not null) RestoreOptimizer(optimizer);
        if (schedule is not null) RestoreSchedule(schedule);
        if (trainLoader is not null) RestoreLoader(trainLoader);
        foreach (var (name, generator) in generators ?? new Dictionary<string, RandomGenerator>()) RestoreGenerator(name, generator);
    }

    /// <summary>A new <see cref="History"/> holding the saved records (null when none was saved), to
    /// pass as <see cref="FitOptions.History"/> so a resumed run appends to it.</summary>
    public History? CreateHistory()
    {
        if (_history is null) return null;
        var history = new History(_history.MetricName) { StopReason = _history.StopReason };
        foreach (var record in _history.Epochs) history.Add(record);
        return history;
    }

    /// <summary>The saved optimizer state, or null (a new object on each call).</summary>
    public OptimizerState? GetOptimizerState() => _optimizer is null ? null : OptimizerStateFromFile(_optimizer);

    private OptimizerState OptimizerStateFromFile(OptimizerSection section)
    {
        var buffers = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var entry in _file.Entries)
            if (entry.Name.StartsWith(MetadataKeys.OptimizerPrefix, StringComparison.Ordinal))
                buffers[entry.Name[MetadataKeys.OptimizerPrefix.Length..]] = _file.GetFloat32(entry.Name);
        return new OptimizerState(section.StepCount, section.ParameterSteps, section.LearningRates, buffers);
    }

    /// <summary>The modules of <paramref name="model"/> that own a generator (dropout layers, recurrent
    /// layers with dropout between layers), named <c>model.&lt;path&gt;</c>.</summary>
    internal static IEnumerable<(string Name, RandomGenerator Generator)> OwnedGenerators(Module model) =>
        model.NamedModules()
            .Where(m => m.Module is IOwnsGenerator { Generator: not null })
            .Select(m => (MetadataKeys.ModelPrefix + m.Name, ((IOwnsGenerator)m.Module).Generator!));
}
