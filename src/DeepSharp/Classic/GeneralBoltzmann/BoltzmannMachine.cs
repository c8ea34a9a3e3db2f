using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>
/// A Boltzmann machine with hidden units (Hinton &amp; Sejnowski, "Learning and relearning in
/// Boltzmann machines"): n stochastic binary units s ∈ {0, 1}ⁿ, the first <see cref="Visible"/>
/// visible and the rest hidden, every pair connected by a symmetric weight w_ij = w_ji (no
/// self-connections), with biases b. Energy E(s) = −Σ_{i&lt;j} w_ij s_i s_j − Σ_i b_i s_i; at
/// temperature T a unit turns on with probability σ(ΔE_i / T), ΔE_i = Σ_j w_ij s_j + b_i, so
/// at equilibrium p(s) ∝ exp(−E(s) / T). Train it with <see cref="BoltzmannLearning"/>.
/// </summary>
/// <remarks>
/// Unlike the <see cref="RestrictedBoltzmannMachine"/>, hidden units connect to each other and
/// visible ones to visible ones, so units are updated one at a time (sequential Gibbs sampling)
/// on a host copy of the state: a few dozen units, where a tensor op per unit would cost more
/// than the arithmetic. States are arrays of 0.0 and 1.0 of length <see cref="Units"/>.
/// </remarks>
public sealed class BoltzmannMachine
{
    /// <summary>Most units a machine may have (exact enumeration is limited further, to 20).</summary>
    public const int MaxUnits = 4096;

    private readonly double[] _w, _b;

    /// <summary>A machine with weights drawn from N(0, <paramref name="initStd"/>²) (symmetric, zero diagonal) and zero biases.</summary>
    public BoltzmannMachine(int visible, int hidden, RandomGenerator rng, double initStd = 0.1)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Visible = Check.Positive(visible, nameof(visible));
        Hidden = Check.NonNegative(hidden, nameof(hidden));
        Check.NonNegative(initStd, nameof(initStd));
        if ((long)visible + hidden > MaxUnits) throw new ArgumentOutOfRangeException(nameof(hidden), $"A machine may have at most {MaxUnits} units, got {(long)visible + hidden}.");
        Units = visible + hidden;
        _w = new double[Units * Units];
        _b = new double[Units];
        for (int i = 0; i < Units; i++)
            for (int j = i + 1; j < Units; j++)
                _w[i * Units + j] = _w[j * Units + i] = initStd * rng.NextGaussian();
    }

    /// <summary>A machine with the given weights (symmetric, zero diagonal) and biases; the first <paramref name="visible"/> units are visible.</summary>
    /// <exception cref="ArgumentException">The matrix is not square, symmetric with a zero diagonal, finite, or does not match the biases.</exception>
    public BoltzmannMachine(double[,] weights, double[] biases, int visible)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        int n = weights.GetLength(0);
        if (weights.GetLength(1) != n || biases.Length != n)
            throw new ArgumentException($"Expected an (n, n) weight matrix and n biases, got ({weights.GetLength(0)}, {weights.GetLength(1)}) and {biases.Length}.", nameof(weights));
        if (n is 0 or > MaxUnits) throw new ArgumentException($"Expected 1 to {MaxUnits} units, got {n}.", nameof(weights));
        if (visible < 1 || visible > n) throw new ArgumentOutOfRangeException(nameof(visible), visible, $"visible must be in 1..{n}, got {visible}.");
        (Units, Visible, Hidden) = (n, visible, n - visible);
        _w = new double[n * n];
        _b = (double[])biases.Clone();
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(biases[i])) throw new ArgumentException($"Bias {i} is not finite.", nameof(biases));
            if (weights[i, i] != 0) throw new ArgumentException($"Expected no self-connections, found w[{i}, {i}] = {weights[i, i]}.", nameof(weights));
            for (int j = 0; j < n; j++)
            {
                if (!double.IsFinite(weights[i, j]) || weights[i, j] != weights[j, i])
                    throw new ArgumentException($"Expected finite symmetric weights, found w[{i}, {j}] = {weights[i, j]} and w[{j}, {i}] = {weights[j, i]}.", nameof(weights));
                _w[i * n + j] = weights[i, j];
            }
        }
    }

    /// <summary>Number of visible units (units 0 .. V − 1).</summary>
    public int Visible { get; }

    /// <summary>Number of hidden units (units V .. n − 1).</summary>
    public int Hidden { get; }

    /// <summary>Number of units n = V + H.</summary>
    public int Units { get; }

    /// <summary>The weights, a copy as an (n, n) Float64 tensor.</summary>
    public Tensor Weights => Tensor.FromArray((double[])_w.Clone(), [Units, Units]);

    /// <summary>The biases, a copy as an (n) Float64 tensor.</summary>
    public Tensor Biases => Tensor.FromArray((double[])_b.Clone(), [Units]);

    /// <summary>w_ij.</summary>
    public double Weight(int i, int j) => _w[CheckUnit(i) * Units + CheckUnit(j)];

    /// <summary>b_i.</summary>
    public double Bias(int i) => _b[CheckUnit(i)];

    /// <summary>E(s) = −Σ_{i&lt;j} w_ij s_i s_j − Σ_i b_i s_i.</summary>
    public double Energy(ReadOnlySpan<double> state)
    {
        CheckState(state);
        double e = 0;
        for (int i = 0; i < Units; i++)
        {
            if (state[i] == 0) continue;
            e -= _b[i];
            for (int j = i + 1; j < Units; j++) e -= _w[i * Units + j] * state[j];
        }
        return e;
    }

    /// <summary>The energy gap ΔE_i = E(s_i = 0) − E(s_i = 1) = Σ_j w_ij s_j + b_i.</summary>
    public double EnergyGap(ReadOnlySpan<double> state, int unit)
    {
        CheckUnit(unit);
        double sum = _b[unit];
        for (int j = 0; j < Units; j++) sum += _w[unit * Units + j] * state[j];
        return sum;
    }

    /// <summary>One sweep of sequential Gibbs sampling: each unit not clamped, in a random order,
    /// turns on with probability σ(ΔE_i / T). At <paramref name="temperature"/> 0 the update is
    /// deterministic (on when ΔE_i &gt; 0, off when &lt; 0, unchanged at 0). Returns how many units changed.</summary>
    /// <param name="state">The state, updated in place.</param>
    /// <param name="temperature">T ≥ 0.</param>
    /// <param name="rng">Update order and the unit draws.</param>
    /// <param name="clamped">Units held fixed (true), or empty for none.</param>
    public int Sweep(Span<double> state, double temperature, RandomGenerator rng, ReadOnlySpan<bool> clamped = default)
    {
        CheckState(state);
        ArgumentNullException.ThrowIfNull(rng);
        Check.NonNegative(temperature, nameof(temperature));
        if (!clamped.IsEmpty && clamped.Length != Units)
            throw new ArgumentException($"Expected a clamp mask of {Units} flags, got {clamped.Length}.", nameof(clamped));
        Span<int> order = Units <= 256 ? stackalloc int[Units] : new int[Units];
        rng.Permutation(order);
        int changed = 0;
        foreach (int i in order)
        {
            if (!clamped.IsEmpty && clamped[i]) continue;
            double gap = EnergyGap(state, i);
            double next = temperature == 0 ? (gap > 0 ? 1 : gap < 0 ? 0 : state[i])
                : rng.NextDouble() < 1 / (1 + Math.Exp(-gap / temperature)) ? 1 : 0;
            if (next != state[i]) { state[i] = next; changed++; }
        }
        return changed;
    }

    /// <summary>Simulated annealing: one <see cref="Sweep"/> per step of <paramref name="schedule"/>;
    /// returns the energy after each sweep.</summary>
    public double[] Anneal(Span<double> state, AnnealingSchedule schedule, RandomGenerator rng, ReadOnlySpan<bool> clamped = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var energies = new double[schedule.Sweeps];
        for (int k = 0; k < schedule.Sweeps; k++)
        {
            Sweep(state, schedule.TemperatureAt(k), rng, clamped);
            energies[k] = Energy(state);
        }
        return energies;
    }

    /// <summary>Zero-temperature settling: sweeps at T = 0 until no unit changes (a local minimum of
    /// the energy: no single flip lowers it) or <paramref name="maxSweeps"/>; returns the energy after each sweep.</summary>
    public double[] Settle(Span<double> state, RandomGenerator rng, ReadOnlySpan<bool> clamped = default, int maxSweeps = 1000)
    {
        Check.Positive(maxSweeps, nameof(maxSweeps));
        var energies = new List<double>();
        for (int k = 0; k < maxSweeps; k++)
        {
            int changed = Sweep(state, 0, rng, clamped);
            energies.Add(Energy(state));
            if (changed == 0) break;
        }
        return energies.ToArray();
    }

    /// <summary>True when no single unit flip (among the unclamped) lowers the energy.</summary>
    public bool IsLocalMinimum(ReadOnlySpan<double> state, ReadOnlySpan<bool> clamped = default)
    {
        CheckState(state);
        for (int i = 0; i < Units; i++)
        {
            if (!clamped.IsEmpty && clamped[i]) continue;
            double gap = EnergyGap(state, i);
            if ((state[i] == 0 && gap > 0) || (state[i] == 1 && gap < 0)) return false;
        }
        return true;
    }

    /// <summary>The global minimum of the energy by enumerating all 2ⁿ states (at most
    /// <see cref="BoltzmannLearning.MaxExactUnits"/> units): the state and its energy.</summary>
    public (double[] State, double Energy) LowestEnergyState()
    {
        if (Units > BoltzmannLearning.MaxExactUnits)
            throw new InvalidOperationException($"{this}: enumerating the states of {Units} units is limited to {BoltzmannLearning.MaxExactUnits}.");
        var state = new double[Units];
        var best = new double[Units];
        double lowest = double.MaxValue;
        for (int code = 0; code < 1 << Units; code++)
        {
            for (int i = 0; i < Units; i++) state[i] = (code >> i) & 1;
            double e = Energy(state);
            if (e < lowest) { lowest = e; state.CopyTo(best, 0); }
        }
        return (best, lowest);
    }

    /// <summary>Adds <paramref name="rate"/> · Δ to the weights (Δ (n, n), its diagonal ignored and
    /// symmetrized) and biases (Δb (n)).</summary>
    public void Update(ReadOnlySpan<double> weightStep, ReadOnlySpan<double> biasStep, double rate)
    {
        if (weightStep.Length != Units * Units || biasStep.Length != Units)
            throw new ArgumentException($"Expected steps of {Units * Units} weights and {Units} biases, got {weightStep.Length} and {biasStep.Length}.");
        if (!double.IsFinite(rate)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "rate must be finite.");
        for (int i = 0; i < Units; i++)
        {
            _b[i] += rate * biasStep[i];
            for (int j = i + 1; j < Units; j++)
            {
                double step = rate * 0.5 * (weightStep[i * Units + j] + weightStep[j * Units + i]);
                _w[i * Units + j] += step;
                _w[j * Units + i] += step;
            }
        }
    }

    /// <summary>E.g. <c>BoltzmannMachine(visible=4, hidden=2)</c>.</summary>
    public override string ToString() => $"BoltzmannMachine(visible={Visible}, hidden={Hidden})";

    internal void CheckState(ReadOnlySpan<double> state)
    {
        if (state.Length != Units) throw new ArgumentException($"{this}: expected a state of {Units} units, got {state.Length}.", nameof(state));
        foreach (double v in state)
            if (v is not (0 or 1)) throw new ArgumentException($"{this}: expected binary unit states (0 or 1), found {v}.", nameof(state));
    }

    private int CheckUnit(int i) =>
        (uint)i < (uint)Units ? i : throw new ArgumentOutOfRangeException(nameof(i), i, $"Unit index must be in [0, {Units}), got {i}.");
}
