using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Optim;

/// <summary>
/// Base of the optimizers: holds the parameter groups, the per-parameter state buffers and the
/// step counts; subclasses supply the update rule (one backend optimizer op per parameter).
/// </summary>
/// <remarks>
/// <see cref="Step"/> updates every parameter that has a gradient, in place, and allocates
/// nothing once the state buffers exist (they are created on a parameter's first update).
/// </remarks>
public abstract class Optimizer
{
    private readonly ParameterGroup[] _groups;
    private readonly Tensor[] _parameters;
    private readonly int[] _groupOf;
    private readonly int[] _steps;
    private readonly string[] _bufferNames;
    private readonly Tensor?[][] _buffers;

    /// <summary>Creates the optimizer over <paramref name="groups"/>.</summary>
    /// <param name="groups">Parameter groups (at least one parameter overall, each used once).</param>
    /// <param name="defaultLearningRate">Learning rate of groups that do not set one.</param>
    /// <param name="defaultWeightDecay">Weight decay of groups that do not set one.</param>
    /// <param name="bufferNames">Names of the per-parameter state buffers of this optimizer, e.g. <c>exp_avg</c>.</param>
    protected Optimizer(IEnumerable<ParameterGroup> groups, double defaultLearningRate, double defaultWeightDecay, params string[] bufferNames)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _groups = [.. groups];
        var parameters = new List<Tensor>();
        var groupOf = new List<int>();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int g = 0; g < _groups.Length; g++)
        {
            foreach (var p in _groups[g].Parameters)
            {
                ArgumentNullException.ThrowIfNull(p, nameof(groups));
                if (p.DType != DType.Float32)
                    throw new ArgumentException($"{GetType().Name} updates Float32 parameters; parameter {parameters.Count} is {p.DType} {Shapes.Format(p.Shape)}.", nameof(groups));
                if (!p.IsContiguous || !p.IsLeaf)
                    throw new ArgumentException($"{GetType().Name} expects contiguous leaf parameters; parameter {parameters.Count} {Shapes.Format(p.Shape)} is not.", nameof(groups));
                if (!seen.Add(p))
                    throw new ArgumentException($"A parameter {Shapes.Format(p.Shape)} appears twice; each parameter may belong to one group once.", nameof(groups));
                parameters.Add(p);
                groupOf.Add(g);
            }
            _groups[g].Bind(defaultLearningRate, defaultWeightDecay);
        }
        if (parameters.Count == 0) throw new ArgumentException($"{GetType().Name} needs at least one parameter, got none.", nameof(groups));
        _parameters = [.. parameters];
        _groupOf = [.. groupOf];
        _steps = new int[_parameters.Length];
        _bufferNames = bufferNames;
        _buffers = new Tensor?[bufferNames.Length][];
        for (int k = 0; k < bufferNames.Length; k++) _buffers[k] = new Tensor?[_parameters.Length];
    }

    /// <summary>Wraps a flat parameter list into a single group.</summary>
    protected static IEnumerable<ParameterGroup> SingleGroup(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [new ParameterGroup(parameters)];
    }

    /// <summary>The parameter groups.</summary>
    public IReadOnlyList<ParameterGroup> Groups => _groups;

    /// <summary>All parameters in group order: the indices used by <see cref="GetState"/>.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>Number of <see cref="Step"/> calls so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>The learning rate of the first group; setting it sets every group's.</summary>
    public double LearningRate
    {
        get => _groups[0].LearningRate;
        set
        {
            foreach (var g in _groups) g.LearningRate = value;
        }
    }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (p.Grad is not { } grad) continue;
            if (grad.DType != DType.Float32 || !grad.IsContiguous || grad.Numel != p.Numel || grad.Device != p.Device)
                throw new InvalidOperationException(
                    $"{GetType().Name}: parameter {i} {Shapes.Format(p.Shape)} on {p.Device} has a gradient {grad.DType} {Shapes.Format(grad.Shape)} on {grad.Device}; expected a contiguous Float32 tensor of the same shape and device.");
            _steps[i]++;
            Update(i, _groups[_groupOf[i]], p, grad, _steps[i]);
        }
        StepCount++;
    }

    /// <summary>Updates parameter <paramref name="index"/> in place.</summary>
    /// <param name="index">The parameter's position in <see cref="Parameters"/>.</param>
    /// <param name="group">Its group (learning rate, weight decay).</param>
    /// <param name="value">The parameter (updated in place by a backend optimizer op).</param>
    /// <param name="grad">Its gradient.</param>
    /// <param name="step">How many updates it has received, counting this one (1 on the first).</param>
    protected abstract void Update(int index, ParameterGroup group, Tensor value, Tensor grad, int step);

    /// <summary>The state buffer <paramref name="kind"/> (an index into the buffer names) of parameter
    /// <paramref name="index"/>, created filled with <paramref name="initialValue"/> on first use.</summary>
    /// <remarks>State tensors live on the parameter's device, outside any <see cref="TensorArena"/>.</remarks>
    protected Tensor Buffer(int kind, int index, float initialValue = 0)
    {
        var buffer = _buffers[kind][index];
        if (buffer is null)
        {
            var p = _parameters[index];
            using (TensorArena.Suspend()) buffer = Tensor.Full(p.ShapeArray, initialValue, DType.Float32, p.Device);
            _buffers[kind][index] = buffer;
        }
        return buffer;
    }

    /// <summary>True when buffer <paramref name="kind"/> of parameter <paramref name="index"/> exists.</summary>
    protected bool HasBuffer(int kind, int index) => _buffers[kind][index] is not null;

    /// <summary>Clears the gradients: sets them to null (the default, so the next backward allocates
    /// them afresh) or fills them with zeros.</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in _parameters)
        {
            if (setToNone) p.Grad = null;
            else p.Grad?.Fill(0);
        }
    }

    /// <summary>A copy of the state for a checkpoint.</summary>
    public OptimizerState GetState()
    {
        var buffers = new Dictionary<string, float[]>();
        for (int k = 0; k < _bufferNames.Length; k++)
            for (int i = 0; i < _parameters.Length; i++)
                if (_buffers[k][i] is { } b) buffers[BufferKey(i, _bufferNames[k])] = b.ToArray<float>();
        return new OptimizerState(StepCount, [.. _steps], _groups.Select(g => g.LearningRate).ToArray(), buffers);
    }

    /// <summary>Restores a state produced by <see cref="GetState"/> of an optimizer of the same type over the same parameters.</summary>
    /// <exception cref="ArgumentException">The state does not fit this optimizer; nothing is changed then.</exception>
    public void SetState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ParameterSteps.Count != _parameters.Length || state.LearningRates.Count != _groups.Length)
            throw new ArgumentException(
                $"The state is for {state.ParameterSteps.Count} parameters in {state.LearningRates.Count} groups; this {GetType().Name} has {_parameters.Length} in {_groups.Length}.", nameof(state));
        var restored = new Tensor?[_bufferNames.Length][];
        for (int k = 0; k < restored.Length; k++) restored[k] = new Tensor?[_parameters.Length];
        foreach (var (key, values) in state.Buffers)
        {
            int dot = key.IndexOf('.');
            int kind = dot < 0 ? -1 : Array.IndexOf(_bufferNames, key[(dot + 1)..]);
            if (kind < 0 || !int.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int i) || i >= _parameters.Length)
                throw new ArgumentException(
                    $"Unknown state buffer '{key}' for {GetType().Name}; expected 'index.name' with index < {_parameters.Length} and name in [{string.Join(", ", _bufferNames)}].", nameof(state));
            if (values.Length != _parameters[i].Numel)
                throw new ArgumentException($"State buffer '{key}' has {values.Length} values; parameter {i} has {_parameters[i].Numel}.", nameof(state));
            using (TensorArena.Suspend()) restored[kind][i] = Tensor.FromSpan<float>(values, _parameters[i].ShapeArray, _parameters[i].Device);
        }
        for (int i = 0; i < _parameters.Length; i++)
            if (state.ParameterSteps[i] < 0) throw new ArgumentException($"Parameter {i} has a negative step count {state.ParameterSteps[i]}.", nameof(state));
        if (state.StepCount < 0) throw new ArgumentException($"StepCount must be non-negative, got {state.StepCount}.", nameof(state));
        for (int g = 0; g < _groups.Length; g++) OptionGuard.NonNegative(state.LearningRates[g], "LearningRate");

        StepCount = state.StepCount;
        for (int i = 0; i < _parameters.Length; i++) _steps[i] = state.ParameterSteps[i];
        for (int g = 0; g < _groups.Length; g++) _groups[g].LearningRate = state.LearningRates[g];
        for (int k = 0; k < restored.Length; k++) _buffers[k] = restored[k];
    }

    private static string BufferKey(int index, string name) => index.ToString(CultureInfo.InvariantCulture) + "." + name;
}
