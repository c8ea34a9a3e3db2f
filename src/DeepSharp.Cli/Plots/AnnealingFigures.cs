using System.Globalization;
using DeepSharp.Classic;
using DeepSharp.Plotting;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Plots;

/// <summary>Energy against sweep for a Boltzmann machine started in a local minimum: zero-temperature
/// settling stays there, simulated annealing ("shaking") climbs out and settles lower.</summary>
internal static class AnnealingFigures
{
    /// <summary>The planted energy: a frustrated 16-unit machine with N(0, 1) weights from <paramref name="seed"/>.</summary>
    public static BoltzmannMachine Machine(ulong seed) => new(16, 0, new RandomGenerator(seed), initStd: 1);

    /// <summary>Draws random starts, settles each at T = 0, and returns the first local minimum that is not the global one (null if 1000 starts all reach it).</summary>
    public static double[]? LocalMinimum(BoltzmannMachine machine, double globalEnergy, RandomGenerator rng)
    {
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            var state = Enumerable.Range(0, machine.Units).Select(_ => rng.NextDouble() < 0.5 ? 1.0 : 0.0).ToArray();
            machine.Settle(state, rng);
            if (machine.Energy(state) > globalEnergy + 1e-9) return state;
        }
        return null;
    }

    /// <summary>The figure; prints the global, local and final energies.</summary>
    public static LinePlot EnergyTrace(ulong seed, AnnealingSchedule schedule, string? title, TextWriter output)
    {
        var machine = Machine(seed);
        var rng = new RandomGenerator(seed + 1);
        double global = machine.LowestEnergyState().Energy;
        var start = LocalMinimum(machine, global, rng)
            ?? throw new InvalidOperationException($"Every settled start of the seed-{seed} machine reached its global minimum; try another --seed.");
        double local = machine.Energy(start);
        int sweeps = schedule.Sweeps + 20;

        var settleState = (double[])start.Clone();
        var settled = new List<double> { local };
        for (int k = 0; k < sweeps; k++) { machine.Sweep(settleState, 0, rng); settled.Add(machine.Energy(settleState)); }

        var annealState = (double[])start.Clone();
        var annealed = new List<double> { local };
        annealed.AddRange(machine.Anneal(annealState, schedule, rng));
        for (int k = schedule.Sweeps; k < sweeps; k++) { machine.Sweep(annealState, 0, rng); annealed.Add(machine.Energy(annealState)); }

        output.WriteLine(Invariant($"global minimum energy {global:F4} (by enumerating 65536 states); start: a local minimum at {local:F4}"));
        output.WriteLine(Invariant($"zero-temperature settling ends at {settled[^1]:F4}; annealing (T {schedule.StartTemperature:G3} -> {schedule.EndTemperature:G3} over {schedule.Sweeps} sweeps) ends at {annealed[^1]:F4}"));
        double[] x = Enumerable.Range(0, sweeps + 1).Select(i => (double)i).ToArray();
        return new LinePlot(
        [
            new PlotSeries("settling at T = 0", x, settled.ToArray(), ShowMarkers: false),
            new PlotSeries("simulated annealing", x, annealed.ToArray(), ShowMarkers: false),
            new PlotSeries("global minimum", [0, sweeps], [global, global], Palette.Ink, ShowMarkers: false),
        ], new LinePlotOptions
        {
            Title = title ?? "Annealing shakes a Boltzmann machine out of a local minimum",
            XLabel = "sweep",
            YLabel = "energy",
            Width = 900,
            Height = 480,
        });
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
