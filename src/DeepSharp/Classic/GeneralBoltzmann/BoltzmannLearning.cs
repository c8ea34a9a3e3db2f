using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>
/// The Boltzmann machine learning rule (Ackley, Hinton &amp; Sejnowski 1985): with the visible units
/// clamped to the data the network settles to p(h | v); running free it settles to p(v, h); the
/// gradient of the mean log-likelihood of the data is (1/T)(⟨s_i s_j⟩_clamped − ⟨s_i s_j⟩_free)
/// for each weight and (⟨s_i⟩_clamped − ⟨s_i⟩_free) for each bias. Expectations are exact (by
/// enumeration, small machines) or sampled (annealing, then Gibbs sweeps at T = 1).
/// </summary>
public static class BoltzmannLearning
{
    /// <summary>Most units for exact enumeration (2²⁰ states).</summary>
    public const int MaxExactUnits = 20;

    /// <summary>⟨·⟩ under the free-running equilibrium p(s) ∝ exp(−E(s)), by enumerating all 2ⁿ states.</summary>
    public static BoltzmannStatistics ExactFree(BoltzmannMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        CheckExact(machine.Units, machine);
        return Enumerate(machine, fixedVisible: null);
    }

    /// <summary>⟨·⟩ with the visible units clamped to each data row in turn (hidden ones at p(h | v)), averaged over rows; exact.</summary>
    /// <param name="machine">The machine.</param>
    /// <param name="data">Binary visible vectors (N, V).</param>
    public static BoltzmannStatistics ExactClamped(BoltzmannMachine machine, Tensor data)
    {
        ArgumentNullException.ThrowIfNull(machine);
        CheckExact(machine.Hidden, machine);
        var rows = Rows(machine, data);
        var total = BoltzmannStatistics.Accumulator(machine.Units);
        foreach (double[] v in rows)
        {
            var s = Enumerate(machine, v);
            for (int i = 0; i < s.Correlations.Length; i++) total.Correlations[i] += s.Correlations[i];
            for (int i = 0; i < s.Means.Length; i++) total.Means[i] += s.Means[i];
        }
        total.Scale(1.0 / rows.Length);
        return total;
    }

    /// <summary>Mean log p(v) of the data rows under the machine (exact, by enumeration: log Σ_h e^(−E(v, h)) − log Z).</summary>
    public static double LogLikelihood(BoltzmannMachine machine, Tensor data)
    {
        ArgumentNullException.ThrowIfNull(machine);
        CheckExact(machine.Units, machine);
        var rows = Rows(machine, data);
        double logZ = LogSum(machine, null);
        return rows.Average(v => LogSum(machine, v)) - logZ;
    }

    /// <summary>⟨·⟩ of the free-running machine estimated by <paramref name="chains"/> chains from random
    /// states, each annealed by <paramref name="annealing"/> then sampled for <paramref name="sampleSweeps"/> sweeps at T = 1.</summary>
    public static BoltzmannStatistics SampledFree(BoltzmannMachine machine, RandomGenerator rng, int chains, AnnealingSchedule annealing, int sampleSweeps)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(rng);
        Check.Positive(chains, nameof(chains));
        var total = BoltzmannStatistics.Accumulator(machine.Units);
        var state = new double[machine.Units];
        for (int c = 0; c < chains; c++)
        {
            for (int i = 0; i < state.Length; i++) state[i] = rng.NextDouble() < 0.5 ? 1 : 0;
            Collect(machine, state, rng, annealing, sampleSweeps, default, total);
        }
        total.Scale(1.0 / (chains * (double)sampleSweeps));
        return total;
    }

    /// <summary>⟨·⟩ with the visible units clamped to each data row, hidden units annealed then sampled; averaged over rows and sweeps.</summary>
    public static BoltzmannStatistics SampledClamped(BoltzmannMachine machine, Tensor data, RandomGenerator rng, AnnealingSchedule annealing, int sampleSweeps)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(rng);
        var rows = Rows(machine, data);
        var total = BoltzmannStatistics.Accumulator(machine.Units);
        var clamp = new bool[machine.Units];
        for (int i = 0; i < machine.Visible; i++) clamp[i] = true;
        var state = new double[machine.Units];
        foreach (double[] v in rows)
        {
            v.CopyTo(state, 0);
            for (int i = machine.Visible; i < state.Length; i++) state[i] = rng.NextDouble() < 0.5 ? 1 : 0;
            Collect(machine, state, rng, annealing, sampleSweeps, clamp, total);
        }
        total.Scale(1.0 / (rows.Length * (double)sampleSweeps));
        return total;
    }

    /// <summary>Trains <paramref name="machine"/> on the rows of <paramref name="data"/> (N, V) with the
    /// clamped-minus-free rule; returns the exact mean log-likelihood after each update when the
    /// machine is small enough to enumerate (≤ 20 units), otherwise an empty array.</summary>
    public static double[] Train(BoltzmannMachine machine, Tensor data, BoltzmannTrainingOptions? options = null, RandomGenerator? rng = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        options ??= new BoltzmannTrainingOptions();
        rng ??= new RandomGenerator(0);
        Rows(machine, data); // validate once up front
        bool track = machine.Units <= MaxExactUnits;
        var trace = new List<double>();
        int n = machine.Units;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var (clamped, free) = options.Mode == BoltzmannStatisticsMode.Exact
                ? (ExactClamped(machine, data), ExactFree(machine))
                : (SampledClamped(machine, data, rng, options.Annealing, options.SampleSweeps),
                   SampledFree(machine, rng, options.FreeChains, options.Annealing, options.SampleSweeps));
            var (dw, db) = clamped.Minus(free);
            if (options.WeightDecay > 0)
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                        if (i != j) dw[i * n + j] -= options.WeightDecay * machine.Weight(i, j);
            machine.Update(dw, db, options.LearningRate);
            if (track) trace.Add(LogLikelihood(machine, data));
        }
        return trace.ToArray();
    }

    /// <summary>Completes a pattern: clamps the visible units where <paramref name="known"/> is true
    /// to <paramref name="visible"/>, anneals the rest (hidden units included) with <paramref name="schedule"/>,
    /// and returns the final visible states.</summary>
    public static double[] Complete(BoltzmannMachine machine, ReadOnlySpan<double> visible, ReadOnlySpan<bool> known, AnnealingSchedule schedule, RandomGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (visible.Length != machine.Visible || known.Length != machine.Visible)
            throw new ArgumentException($"Expected {machine.Visible} visible values and known flags, got {visible.Length} and {known.Length}.");
        var state = new double[machine.Units];
        var clamp = new bool[machine.Units];
        for (int i = 0; i < machine.Units; i++)
        {
            bool isKnown = i < machine.Visible && known[i];
            clamp[i] = isKnown;
            state[i] = isKnown ? visible[i] : rng.NextDouble() < 0.5 ? 1 : 0;
        }
        machine.CheckState(state);
        machine.Anneal(state, schedule, rng, clamp);
        machine.Settle(state, rng, clamp);
        return state[..machine.Visible];
    }

    private static void Collect(BoltzmannMachine machine, double[] state, RandomGenerator rng, AnnealingSchedule annealing, int sampleSweeps,
        ReadOnlySpan<bool> clamp, BoltzmannStatistics total)
    {
        ArgumentNullException.ThrowIfNull(annealing);
        Check.Positive(sampleSweeps, nameof(sampleSweeps));
        machine.Anneal(state, annealing, rng, clamp);
        for (int k = 0; k < sampleSweeps; k++)
        {
            machine.Sweep(state, 1, rng, clamp);
            total.Add(state, 1);
        }
    }

    // Exact statistics at T = 1 over all states, or over the hidden states with the visible ones fixed.
    private static BoltzmannStatistics Enumerate(BoltzmannMachine machine, double[]? fixedVisible)
    {
        int n = machine.Units, first = fixedVisible is null ? 0 : machine.Visible, free = n - first;
        var state = new double[n];
        fixedVisible?.CopyTo(state, 0);
        double minEnergy = double.MaxValue;
        var energies = new double[1 << free];
        for (int code = 0; code < energies.Length; code++)
        {
            Fill(state, first, code);
            energies[code] = machine.Energy(state);
            minEnergy = Math.Min(minEnergy, energies[code]);
        }
        var total = BoltzmannStatistics.Accumulator(n);
        double z = 0;
        for (int code = 0; code < energies.Length; code++)
        {
            double p = Math.Exp(-(energies[code] - minEnergy));
            z += p;
            Fill(state, first, code);
            total.Add(state, p);
        }
        total.Scale(1 / z);
        return total;
    }

    // log Σ exp(−E) over all states, or over the hidden states with the visible ones fixed.
    private static double LogSum(BoltzmannMachine machine, double[]? fixedVisible)
    {
        int n = machine.Units, first = fixedVisible is null ? 0 : machine.Visible, free = n - first;
        var state = new double[n];
        fixedVisible?.CopyTo(state, 0);
        var negE = new double[1 << free];
        for (int code = 0; code < negE.Length; code++)
        {
            Fill(state, first, code);
            negE[code] = -machine.Energy(state);
        }
        double max = negE.Max();
        return max + Math.Log(negE.Sum(e => Math.Exp(e - max)));
    }

    private static void Fill(double[] state, int first, int code)
    {
        for (int i = first; i < state.Length; i++) state[i] = (code >> (i - first)) & 1;
    }

    private static void CheckExact(int freeUnits, BoltzmannMachine machine)
    {
        if (machine.Units > MaxExactUnits || freeUnits > MaxExactUnits)
            throw new ArgumentOutOfRangeException(nameof(machine), $"Exact enumeration handles at most {MaxExactUnits} units; {machine} has {machine.Units}.");
    }

    private static double[][] Rows(BoltzmannMachine machine, Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rank != 2 || data.Size(1) != machine.Visible || data.Size(0) == 0)
            throw new ArgumentException($"{machine}: expected data (N, {machine.Visible}) with N ≥ 1, got shape ({string.Join(", ", data.ShapeArray)}).", nameof(data));
        double[] flat = data.DType == DType.Float64 ? data.Contiguous().ToArray<double>() : Array.ConvertAll(data.ToFloatArray(), v => (double)v);
        var rows = new double[data.Size(0)][];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = flat.AsSpan(r * machine.Visible, machine.Visible).ToArray();
            foreach (double v in rows[r])
                if (v is not (0 or 1)) throw new ArgumentException($"{machine}: expected binary data (0 or 1), found {v} in row {r}.", nameof(data));
        }
        return rows;
    }
}
