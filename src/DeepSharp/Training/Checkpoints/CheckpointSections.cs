using System.Text.Json;
using DeepSharp.Serialization;
using DeepSharp.Optim;

namespace DeepSharp.Training;

/// <summary>The optimizer's bookkeeping as stored in metadata (its buffers are tensors).</summary>
internal sealed record OptimizerSection(string Type, int StepCount, int[] ParameterSteps, double[] LearningRates);

/// <summary>A schedule's type and exported state.</summary>
internal sealed record ScheduleSection(string Type, IReadOnlyDictionary<string, double> State);

/// <summary>The data loader's position and what fixes its order.</summary>
internal sealed record LoaderSection(int Epoch, ulong Seed, bool Shuffle);

/// <summary>The training history: metric name, stop reason and records.</summary>
internal sealed record HistorySection(string? MetricName, StopReason? StopReason, EpochRecord[] Epochs);

/// <summary>Writes and reads the JSON metadata sections of a checkpoint.</summary>
internal static class CheckpointSections
{
    private const int MaxEntries = 10_000_000;

    /// <summary>Largest epoch, step or loader position a checkpoint may record: 2^30, so a resumed
    /// run has room to count on without overflowing an int.</summary>
    public const int MaxCounter = 1 << 30;

    public static string WriteOptimizer(string type, OptimizerState state) => MetadataJson.Write(json =>
    {
        json.WriteString("type", type);
        json.WriteNumber("stepCount", state.StepCount);
        json.WriteStartArray("parameterSteps");
        foreach (int s in state.ParameterSteps) json.WriteNumberValue(s);
        json.WriteEndArray();
        json.WriteStartArray("learningRates");
        foreach (double lr in state.LearningRates) MetadataJson.WriteDouble(json, lr);
        json.WriteEndArray();
    });

    public static OptimizerSection ReadOptimizer(string source, string json) => MetadataJson.Read(source, MetadataKeys.Optimizer, json, r =>
    {
        const string what = "the optimizer";
        r.CheckFields(r.Root, what, "type", "stepCount", "parameterSteps", "learningRates");
        var steps = new List<int>();
        foreach (var s in r.Array(r.Root, "parameterSteps", what).EnumerateArray())
            steps.Add(s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out int v) && v is >= 0 and <= MaxCounter
                ? v
                : throw r.Fail($"{what}: \"parameterSteps\" must hold integers in [0, {MaxCounter}], found {JsonValueKinds.Describe(s)}."));
        var rates = new List<double>();
        foreach (var lr in r.Array(r.Root, "learningRates", what).EnumerateArray())
        {
            double v = r.Double(lr, $"{what}: a learning rate");
            rates.Add(double.IsFinite(v) && v >= 0 ? v : throw r.Fail($"{what}: learning rates must be finite and >= 0, found {v}."));
        }
        if (steps.Count == 0 || rates.Count == 0)
            throw r.Fail($"{what}: expected at least one parameter and one group, found {steps.Count} and {rates.Count}.");
        return new OptimizerSection(r.String(r.Root, "type", what), r.Int(r.Root, "stepCount", what, 0, MaxCounter), [.. steps], [.. rates]);
    });

    public static string WriteSchedule(string type, IReadOnlyDictionary<string, double> state) => MetadataJson.Write(json =>
    {
        json.WriteString("type", type);
        json.WriteStartObject("state");
        foreach (var key in state.Keys.Order(StringComparer.Ordinal))
        {
            json.WritePropertyName(key);
            MetadataJson.WriteDouble(json, state[key]);
        }
        json.WriteEndObject();
    });

    public static ScheduleSection ReadSchedule(string source, string json) => MetadataJson.Read(source, MetadataKeys.Schedule, json, r =>
    {
        const string what = "the schedule";
        r.CheckFields(r.Root, what, "type", "state");
        var stateElement = r.Field(r.Root, "state", what);
        r.CheckFields(stateElement, "the schedule state", [.. stateElement.ValueKind == JsonValueKind.Object ? stateElement.EnumerateObject().Select(p => p.Name) : []]);
        var state = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in stateElement.EnumerateObject()) state[p.Name] = r.Double(p.Value, $"the schedule state \"{ModelFormatException.Shorten(p.Name)}\"");
        if (!state.TryGetValue("epoch", out double epoch) || epoch < -1 || epoch != Math.Floor(epoch) || epoch > int.MaxValue)
            throw r.Fail("the schedule state needs an integer \"epoch\" >= -1.");
        return new ScheduleSection(r.String(r.Root, "type", what), state);
    });

    public static string WriteLoader(LoaderSection loader) => MetadataJson.Write(json =>
    {
        json.WriteNumber("epoch", loader.Epoch);
        json.WriteNumber("seed", loader.Seed);
        json.WriteBoolean("shuffle", loader.Shuffle);
    });

    public static LoaderSection ReadLoader(string source, string json) => MetadataJson.Read(source, MetadataKeys.Loader, json, r =>
    {
        const string what = "the data loader";
        r.CheckFields(r.Root, what, "epoch", "seed", "shuffle");
        return new LoaderSection(r.Int(r.Root, "epoch", what, 0, MaxCounter), r.UInt64(r.Root, "seed", what), r.Bool(r.Root, "shuffle", what));
    });

    public static string WriteHistory(History history) => MetadataJson.Write(json =>
    {
        if (history.MetricName is { } metric) json.WriteString("metric", metric);
        else json.WriteNull("metric");
        if (history.StopReason is { } reason) json.WriteString("stopReason", reason.ToString());
        else json.WriteNull("stopReason");
        json.WriteStartArray("epochs");
        foreach (var e in history.Epochs)
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", e.Epoch);
            MetadataJson.WriteDouble(json, "trainLoss", e.TrainLoss);
            MetadataJson.WriteDouble(json, "trainMetric", e.TrainMetric);
            MetadataJson.WriteDouble(json, "valLoss", e.ValidationLoss);
            MetadataJson.WriteDouble(json, "valMetric", e.ValidationMetric);
            MetadataJson.WriteDouble(json, "learningRate", e.LearningRate);
            MetadataJson.WriteDouble(json, "seconds", e.Seconds);
            json.WriteNumber("skippedBatches", e.SkippedBatches);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    public static HistorySection ReadHistory(string source, string json) => MetadataJson.Read(source, MetadataKeys.History, json, r =>
    {
        const string what = "the history";
        r.CheckFields(r.Root, what, "metric", "stopReason", "epochs");
        string? reasonText = r.OptionalString(r.Root, "stopReason", what);
        StopReason? reason = null;
        if (reasonText is not null)
        {
            if (!Enum.TryParse(reasonText, ignoreCase: false, out StopReason parsed) || !Enum.IsDefined(parsed) || !char.IsLetter(reasonText[0]))
                throw r.Fail($"{what}: unknown stop reason \"{ModelFormatException.Shorten(reasonText)}\"; expected one of {string.Join(", ", Enum.GetNames<StopReason>())}.");
            reason = parsed;
        }
        var epochs = new List<EpochRecord>();
        foreach (var e in r.Array(r.Root, "epochs", what).EnumerateArray())
        {
            string at = $"history record {epochs.Count}";
            if (epochs.Count >= MaxEntries) throw r.Fail($"{what}: more than {MaxEntries} records.");
            r.CheckFields(e, at, "epoch", "trainLoss", "trainMetric", "valLoss", "valMetric", "learningRate", "seconds", "skippedBatches");
            var record = new EpochRecord(r.Int(e, "epoch", at, 1, MaxCounter), r.Double(e, "trainLoss", at), r.OptionalDouble(e, "trainMetric", at),
                r.OptionalDouble(e, "valLoss", at), r.OptionalDouble(e, "valMetric", at), r.Double(e, "learningRate", at),
                r.Double(e, "seconds", at), r.Int(e, "skippedBatches", at));
            if (epochs.Count > 0 && record.Epoch <= epochs[^1].Epoch)
                throw r.Fail($"{at}: epochs must increase, found {record.Epoch} after {epochs[^1].Epoch}.");
            epochs.Add(record);
        }
        return new HistorySection(r.OptionalString(r.Root, "metric", what), reason, [.. epochs]);
    });
}
