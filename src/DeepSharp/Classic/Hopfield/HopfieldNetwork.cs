using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>
/// A Hopfield network of N binary ±1 units with symmetric weights and no self-connections: an
/// associative memory whose stored patterns are (ideally) fixed points of the update
/// s_i ← sign(Σ_j w_ij s_j), reached from noisy probes by descending the energy
/// E(s) = −½ Σ_ij w_ij s_i s_j.
/// </summary>
/// <remarks>
/// A unit whose local field is exactly 0 keeps its state. Weights are held in double precision so
/// the energy argument (each asynchronous flip lowers E by 2|h_i|) holds in the arithmetic too.
/// The weights are computed with tensor operations; the update dynamics, one unit at a time, read a
/// host copy of them (<c>_rows</c>), so every local field is summed in the same order in every mode.
/// </remarks>
public sealed class HopfieldNetwork
{
    private Tensor _weights; // (N, N) Float64, symmetric, zero diagonal
    private double[] _rows; // host copy of _weights, row-major, for the unit-by-unit dynamics
    private readonly List<float[]> _patterns = [];

    /// <summary>Creates a network of <paramref name="units"/> units with no memories (all weights 0).</summary>
    public HopfieldNetwork(int units, HopfieldLearningRule rule = HopfieldLearningRule.Hebbian)
    {
        Units = Check.Positive(units, nameof(units));
        if (!Enum.IsDefined(rule)) throw new ArgumentOutOfRangeException(nameof(rule), rule, $"rule must be Hebbian or PseudoInverse, got {rule}.");
        Rule = rule;
        _rows = new double[checked(units * units)];
        _weights = NewWeights(Tensor.Zeros([units, units], DType.Float64));
    }

    /// <summary>Number of units N.</summary>
    public int Units { get; }

    /// <summary>The storage rule.</summary>
    public HopfieldLearningRule Rule { get; }

    /// <summary>The stored patterns, in storage order.</summary>
    public IReadOnlyList<float[]> Patterns => _patterns;

    /// <summary>A copy of the weight matrix, Float64 <c>(N, N)</c>.</summary>
    public Tensor Weights => _weights.Clone();

    /// <summary>The weight between units <paramref name="i"/> and <paramref name="j"/>.</summary>
    public double Weight(int i, int j)
    {
        if ((uint)i >= (uint)Units || (uint)j >= (uint)Units)
            throw new ArgumentOutOfRangeException(i >= Units || i < 0 ? nameof(i) : nameof(j), $"{this}: unit indices must be in [0, {Units}), got ({i}, {j}).");
        return _rows[i * Units + j];
    }

    /// <summary>Adds patterns (each N values of ±1) to the memory and recomputes the weights from all stored patterns.</summary>
    /// <exception cref="InvalidOperationException">The pseudo-inverse rule met linearly dependent patterns.</exception>
    public void Store(params IReadOnlyList<float[]> patterns)
    {
        foreach (var p in patterns) CheckState(p, nameof(patterns));
        foreach (var p in patterns) _patterns.Add((float[])p.Clone());
        ComputeWeights();
    }

    /// <summary>Adds the rows of <paramref name="patterns"/> <c>(P, N)</c> to the memory.</summary>
    public void Store(Tensor patterns)
    {
        var (data, rows, cols) = Check.Matrix(patterns, $"{this}.Store", Units);
        var list = new float[rows][];
        for (int r = 0; r < rows; r++) list[r] = data.AsSpan(r * cols, cols).ToArray();
        Store(list);
    }

    /// <summary>Forgets every pattern (weights back to 0).</summary>
    public void Clear()
    {
        _patterns.Clear();
        _weights = NewWeights(Tensor.Zeros([Units, Units], DType.Float64));
    }

    /// <summary>The energy E(s) = −½ Σ_ij w_ij s_i s_j.</summary>
    public double Energy(ReadOnlySpan<float> state)
    {
        CheckState(state, nameof(state));
        double e = 0;
        for (int i = 0; i < Units; i++) e += state[i] * LocalFieldUnchecked(state, i);
        return -0.5 * e;
    }

    /// <summary>The local field h_i = Σ_j w_ij s_j of unit <paramref name="unit"/>.</summary>
    public double LocalField(ReadOnlySpan<float> state, int unit)
    {
        CheckState(state, nameof(state));
        if ((uint)unit >= (uint)Units) throw new ArgumentOutOfRangeException(nameof(unit), unit, $"{this}: unit must be in [0, {Units}).");
        return LocalFieldUnchecked(state, unit);
    }

    /// <summary>Asynchronous update of one unit in place: s_i ← sign(h_i), unchanged when h_i = 0.</summary>
    /// <returns>True when the unit flipped.</returns>
    public bool UpdateUnit(Span<float> state, int unit)
    {
        LocalField(state, unit); // validates
        return UpdateUnchecked(state, unit);
    }

    private bool UpdateUnchecked(Span<float> state, int unit)
    {
        double h = LocalFieldUnchecked(state, unit);
        float next = h > 0 ? 1f : h < 0 ? -1f : state[unit];
        if (next == state[unit]) return false;
        state[unit] = next;
        return true;
    }

    /// <summary>One asynchronous sweep in place: every unit updated once, in a random order drawn from <paramref name="rng"/>.</summary>
    /// <returns>The number of units that flipped.</returns>
    public int AsynchronousSweep(Span<float> state, RandomGenerator rng)
    {
        CheckState(state, nameof(state));
        int flips = 0;
        foreach (int i in rng.Permutation(Units))
            if (UpdateUnchecked(state, i)) flips++;
        return flips;
    }

    /// <summary>One synchronous step in place: every unit takes sign(h_i) computed from the old state.</summary>
    /// <returns>The number of units that flipped.</returns>
    public int SynchronousStep(Span<float> state)
    {
        CheckState(state, nameof(state));
        var old = state.ToArray();
        int flips = 0;
        for (int i = 0; i < Units; i++)
        {
            double h = LocalFieldUnchecked(old, i);
            float next = h > 0 ? 1f : h < 0 ? -1f : old[i];
            if (next != old[i]) flips++;
            state[i] = next;
        }
        return flips;
    }

    /// <summary>Runs the dynamics from <paramref name="probe"/> until a sweep changes nothing or
    /// <paramref name="maxSweeps"/> sweeps have run.</summary>
    /// <param name="probe">The starting state (±1 per unit); not modified.</param>
    /// <param name="maxSweeps">The most sweeps (an asynchronous sweep visits every unit once; a synchronous sweep is one step).</param>
    /// <param name="mode">Asynchronous (random order) or synchronous updates.</param>
    /// <param name="rng">The order of asynchronous updates; <see cref="RandomGenerator.Default"/> when null.</param>
    public HopfieldRecallResult Recall(ReadOnlySpan<float> probe, int maxSweeps = 100,
        HopfieldUpdateMode mode = HopfieldUpdateMode.Asynchronous, RandomGenerator? rng = null)
    {
        CheckState(probe, nameof(probe));
        Check.Positive(maxSweeps, nameof(maxSweeps));
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, $"mode must be Asynchronous or Synchronous, got {mode}.");
        rng ??= RandomGenerator.Default;
        var state = probe.ToArray();
        for (int sweep = 1; sweep <= maxSweeps; sweep++)
        {
            int flips = mode == HopfieldUpdateMode.Asynchronous ? AsynchronousSweep(state, rng) : SynchronousStep(state);
            if (flips == 0) return new HopfieldRecallResult(state, sweep, true);
        }
        return new HopfieldRecallResult(state, maxSweeps, false);
    }

    /// <summary>True when no unit of <paramref name="state"/> would change (a fixed point of the update).</summary>
    public bool IsFixedPoint(ReadOnlySpan<float> state)
    {
        CheckState(state, nameof(state));
        for (int i = 0; i < Units; i++)
        {
            double h = LocalFieldUnchecked(state, i);
            if ((h > 0 && state[i] < 0) || (h < 0 && state[i] > 0)) return false;
        }
        return true;
    }

    /// <summary>Describes the network, e.g. <c>HopfieldNetwork(100 units, 3 patterns, Hebbian)</c>.</summary>
    public override string ToString() => $"HopfieldNetwork({Units} units, {_patterns.Count} patterns, {Rule})";

    private double LocalFieldUnchecked(ReadOnlySpan<float> state, int i)
    {
        ReadOnlySpan<double> row = _rows.AsSpan(i * Units, Units);
        double h = 0;
        for (int j = 0; j < row.Length; j++) h += row[j] * state[j];
        return h;
    }

    private void ComputeWeights()
    {
        int n = Units, p = _patterns.Count;
        if (p == 0)
        {
            _weights = NewWeights(Tensor.Zeros([n, n], DType.Float64));
            return;
        }
        var x = Tensor.Stack([.. _patterns.Select(pattern => Tensor.FromArray(pattern, n))]).To(DType.Float64); // Ξ (P, N)
        Tensor w;
        if (Rule == HopfieldLearningRule.Hebbian)
        {
            // W = Ξᵀ Ξ / N
            w = x.T.MatMul(x) / n;
        }
        else
        {
            // Q = Ξ Ξᵀ / N (P, P); Z = Q⁻¹ Ξ (P, N); W = Ξᵀ Z / N, symmetrized so the energy argument holds exactly.
            var q = (x.MatMul(x.T) / n).ToDoubleArray();
            var z = x.ToDoubleArray();
            LinearSolve.SolveInPlace(q, z, p, n);
            w = x.T.MatMul(Tensor.FromArray(z, p, n)) / n;
            w = (w + w.T) * 0.5;
        }
        _weights = NewWeights(w * (1 - Tensor.Eye(n, dtype: DType.Float64))); // no self-connections
    }

    /// <summary>Keeps <paramref name="w"/> outside any tensor arena and refreshes the host copy.</summary>
    private Tensor NewWeights(Tensor w)
    {
        using (TensorArena.Suspend()) w = w.Clone();
        _rows = w.ToDoubleArray();
        return w;
    }

    private void CheckState(ReadOnlySpan<float> state, string name)
    {
        if (state.Length != Units)
            throw new ArgumentException($"{this}: expected a state of {Units} units, got {state.Length}.", name);
        for (int i = 0; i < state.Length; i++)
            if (state[i] is not (1f or -1f))
                throw new ArgumentException($"{this}: states hold +1 or -1, but unit {i} is {state[i]}.", name);
    }
}
