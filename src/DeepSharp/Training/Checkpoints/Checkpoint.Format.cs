using System.Globalization;
using DeepSharp.Serialization;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Training;

public sealed partial class Checkpoint
{
    private const int GeneratorStateWords = 6;

    private Checkpoint(SafeTensorsFile file, ModelDescription? description, int epoch, OptimizerSection? optimizer,
        ScheduleSection? schedule, LoaderSection? loader, HistorySection? history, Dictionary<string, ulong[]> generators)
    {
        _file = file;
        Description = description;
        Epoch = epoch;
        _optimizer = optimizer;
        _schedule = schedule;
        _loader = loader;
        _history = history;
        _generators = generators;
    }

    internal static SafeTensorsWriter CreateWriter(Module model, Optimizer? optimizer, LearningRateSchedule? schedule, History? history,
        DataLoader? trainLoader, IReadOnlyDictionary<string, RandomGenerator>? generators, int? epoch, ModelDescription? description,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        int epochsDone = epoch ?? history?.Last?.Epoch ?? 0;
        if (epochsDone < 0) throw new ArgumentOutOfRangeException(nameof(epoch), epochsDone, "epoch must be non-negative.");
        var writer = new SafeTensorsWriter()
            .SetMetadata(MetadataKeys.Format, MetadataKeys.CheckpointFormat)
            .SetMetadata(MetadataKeys.Version, MetadataKeys.CurrentVersion)
            .SetMetadata(MetadataKeys.Epoch, epochsDone.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrEmpty(key) || MetadataKeys.IsReserved(key))
                throw new ArgumentException($"Metadata key '{key}' is reserved for the checkpoint's own sections (keys 'deepsharp.<section>'); use a prefix of your own, such as 'myapp.'.", nameof(metadata));
            writer.SetMetadata(key, value ?? throw new ArgumentNullException(nameof(metadata), $"Metadata '{key}' has no value."));
        }
        if (description is not null) description.CheckFits(model);
        if (description is not null || ModelDescription.TryFromModule(model, out description))
            writer.SetMetadata(MetadataKeys.Model, description.ToJson());
        StateDictIO.Write(writer, model, MetadataKeys.ModelPrefix);

        if (optimizer is not null)
        {
            var state = optimizer.GetState();
            writer.SetMetadata(MetadataKeys.Optimizer, CheckpointSections.WriteOptimizer(optimizer.GetType().Name, state));
            foreach (var (key, values) in state.Buffers)
            {
                int index = int.Parse(key.AsSpan(0, key.IndexOf('.')), CultureInfo.InvariantCulture);
                var parameter = optimizer.Parameters[index];
                writer.AddFloat32(MetadataKeys.OptimizerPrefix + key, parameter.Numel == values.Length ? parameter.ShapeArray : [values.Length], values);
            }
        }
        if (schedule is not null) writer.SetMetadata(MetadataKeys.Schedule, CheckpointSections.WriteSchedule(schedule.GetType().Name, schedule.GetState()));
        if (history is not null) writer.SetMetadata(MetadataKeys.History, CheckpointSections.WriteHistory(history));
        if (trainLoader is not null)
            writer.SetMetadata(MetadataKeys.Loader, CheckpointSections.WriteLoader(new LoaderSection(trainLoader.Epoch, trainLoader.Seed, trainLoader.Shuffle)));

        foreach (var (name, generator) in OwnedGenerators(model)) AddGenerator(writer, name, generator);
        foreach (var (name, generator) in generators ?? new Dictionary<string, RandomGenerator>())
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(generators));
            ArgumentNullException.ThrowIfNull(generator, nameof(generators));
            if (name.StartsWith(MetadataKeys.ModelPrefix, StringComparison.Ordinal))
                throw new ArgumentException($"Generator name '{name}' is reserved: names starting with '{MetadataKeys.ModelPrefix}' belong to the model's dropout layers.", nameof(generators));
            AddGenerator(writer, name, generator);
        }
        return writer;
    }

    private static void AddGenerator(SafeTensorsWriter writer, string name, RandomGenerator generator)
    {
        ulong[] state = generator.GetState();
        writer.AddInt64(MetadataKeys.GeneratorPrefix + name, [state.Length], state.Select(w => unchecked((long)w)).ToArray());
    }

    /// <summary>Validates everything in <paramref name="file"/> and wraps it.</summary>
    internal static Checkpoint FromFile(SafeTensorsFile file)
    {
        string source = file.SourceName;
        var meta = file.Metadata;
        ModelFormatException Fail(string? tensor, string problem) => new(source, tensor, problem);

        if (!meta.TryGetValue(MetadataKeys.Format, out string? format))
            throw Fail(null, $"not a DeepSharp checkpoint: metadata '{MetadataKeys.Format}' is missing.");
        if (format != MetadataKeys.CheckpointFormat)
            throw Fail(null, $"not a checkpoint: metadata '{MetadataKeys.Format}' is \"{ModelFormatException.Shorten(format)}\", expected \"{MetadataKeys.CheckpointFormat}\"" +
                (format == MetadataKeys.WeightsFormat ? " (a weights file: load it with model.Load or ModuleSerialization.LoadModel)." : "."));
        if (!meta.TryGetValue(MetadataKeys.Version, out string? version) || version != MetadataKeys.CurrentVersion)
            throw Fail(null, $"metadata '{MetadataKeys.Version}' must be \"{MetadataKeys.CurrentVersion}\", found {(version is null ? "nothing" : $"\"{ModelFormatException.Shorten(version)}\"")}.");
        if (!meta.TryGetValue(MetadataKeys.Epoch, out string? epochText)
            || !int.TryParse(epochText, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch) || epoch > CheckpointSections.MaxCounter)
            throw Fail(null, $"metadata '{MetadataKeys.Epoch}' must be an integer in [0, {CheckpointSections.MaxCounter}], found {(epochText is null ? "nothing" : $"\"{ModelFormatException.Shorten(epochText)}\"")}.");

        var description = MetadataKeys.ReadDescription(file);
        if (description is not null) MetadataKeys.CheckAgainstTensors(file, description, MetadataKeys.ModelPrefix);
        var optimizer = meta.TryGetValue(MetadataKeys.Optimizer, out string? o) ? CheckpointSections.ReadOptimizer(source, o) : null;
        var schedule = meta.TryGetValue(MetadataKeys.Schedule, out string? s) ? CheckpointSections.ReadSchedule(source, s) : null;
        var loader = meta.TryGetValue(MetadataKeys.Loader, out string? l) ? CheckpointSections.ReadLoader(source, l) : null;
        var history = meta.TryGetValue(MetadataKeys.History, out string? h) ? CheckpointSections.ReadHistory(source, h) : null;
        if (history is { Epochs.Length: > 0 } && history.Epochs[^1].Epoch != epoch)
            throw Fail(null, $"the history ends at epoch {history.Epochs[^1].Epoch}, but metadata '{MetadataKeys.Epoch}' says {epoch}.");

        var generators = new Dictionary<string, ulong[]>(StringComparer.Ordinal);
        foreach (var entry in file.Entries)
        {
            string name = entry.Name;
            if (name.StartsWith(MetadataKeys.ModelPrefix, StringComparison.Ordinal))
            {
                if (entry.DType is not (SafeTensorsDType.Float32 or SafeTensorsDType.Float64 or SafeTensorsDType.Float16 or SafeTensorsDType.BFloat16 or SafeTensorsDType.Int32))
                    throw Fail(name, $"model tensors are F32, F64, F16, BF16 or I32, found {SafeTensorsDTypeInfo.HeaderName(entry.DType)}.");
            }
            else if (name.StartsWith(MetadataKeys.OptimizerPrefix, StringComparison.Ordinal))
                CheckOptimizerTensor(file, entry, optimizer);
            else if (name.StartsWith(MetadataKeys.GeneratorPrefix, StringComparison.Ordinal))
                generators[name[MetadataKeys.GeneratorPrefix.Length..]] = ReadGenerator(file, entry);
            else
                throw Fail(name, $"unexpected tensor: checkpoint tensors are named {MetadataKeys.ModelPrefix}*, {MetadataKeys.OptimizerPrefix}* or {MetadataKeys.GeneratorPrefix}*.");
        }
        return new Checkpoint(file, description, epoch, optimizer, schedule, loader, history, generators);
    }

    private static void CheckOptimizerTensor(SafeTensorsFile file, TensorEntry entry, OptimizerSection? optimizer)
    {
        string key = entry.Name[MetadataKeys.OptimizerPrefix.Length..];
        if (optimizer is null)
            throw new ModelFormatException(file.SourceName, entry.Name, $"an optimizer buffer, but metadata '{MetadataKeys.Optimizer}' is missing.");
        int dot = key.IndexOf('.');
        if (dot <= 0 || dot == key.Length - 1
            || !int.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || index >= optimizer.ParameterSteps.Length)
            throw new ModelFormatException(file.SourceName, entry.Name,
                $"optimizer buffers are named {MetadataKeys.OptimizerPrefix}<index>.<buffer> with index < {optimizer.ParameterSteps.Length} (the parameter count).");
        if (entry.DType != SafeTensorsDType.Float32)
            throw new ModelFormatException(file.SourceName, entry.Name, $"optimizer buffers are F32, found {SafeTensorsDTypeInfo.HeaderName(entry.DType)}.");
    }

    private static ulong[] ReadGenerator(SafeTensorsFile file, TensorEntry entry)
    {
        if (entry.DType != SafeTensorsDType.Int64 || entry.Shape.Count != 1 || entry.Shape[0] != GeneratorStateWords)
            throw new ModelFormatException(file.SourceName, entry.Name,
                $"a generator state is I64 ({GeneratorStateWords}), found {SafeTensorsDTypeInfo.HeaderName(entry.DType)} {entry.FormatShape()}.");
        ulong[] state = [.. file.GetInt64(entry.Name).Select(w => unchecked((ulong)w))];
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ModelFormatException(file.SourceName, entry.Name, "a generator state cannot have all four state words zero.");
        return state;
    }
}
