// Hopfield networks: recall of stored glyphs from noisy probes, then the capacity experiment
// (Hebb's rule collapses near p/N ≈ 0.138; the pseudo-inverse rule goes further).
using System.Globalization;
using DeepSharp.Classic;
using DeepSharp.Tensors;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

string[][] glyphs =
[
    ["..XXXXXX..", ".XX....XX.", "XX......XX", "XX......XX", "XX......XX", "XX......XX", "XX......XX", "XX......XX", ".XX....XX.", "..XXXXXX.."],
    ["XXXXXXXXXX", "XXXXXXXXXX", "....XX....", "....XX....", "....XX....", "....XX....", "....XX....", "....XX....", "....XX....", "....XX...."],
    ["XX......XX", "XX......XX", "XX......XX", "XX......XX", "XXXXXXXXXX", "XXXXXXXXXX", "XX......XX", "XX......XX", "XX......XX", "XX......XX"],
];
float[][] patterns = glyphs.Select(g => string.Concat(g).Select(ch => ch == 'X' ? 1f : -1f).ToArray()).ToArray();

var rng = new RandomGenerator(2024);
var net = new HopfieldNetwork(100);
net.Store(patterns);
Console.WriteLine($"{net}: recall from 20% flipped bits (asynchronous updates)");
Console.WriteLine();
for (int p = 0; p < patterns.Length; p++)
{
    var probe = HopfieldPatterns.Corrupt(patterns[p], 0.2, rng);
    var result = net.Recall(probe, maxSweeps: 20, HopfieldUpdateMode.Asynchronous, rng);
    Console.WriteLine($"pattern {p}: probe differs in {HopfieldPatterns.HammingDistance(probe, patterns[p])} bits, " +
        $"energy {net.Energy(probe):F2} -> {net.Energy(result.State):F2}, {result.Sweeps} sweeps, " +
        $"converged {result.Converged}, overlap with stored {HopfieldPatterns.Overlap(result.State, patterns[p]):F2}");
    for (int row = 0; row < 10; row++)
        Console.WriteLine($"   {Row(probe, row)}   ->   {Row(result.State, row)}");
    Console.WriteLine();
}

Console.WriteLine("Capacity: N = 400 units, probes with 10% flipped bits, 5 networks per load, 20 probes each");
Console.WriteLine();
int[] hebbCounts = [20, 32, 40, 48, 52, 56, 60, 68, 80, 100];
int[] projectionCounts = [40, 80, 120, 160, 200, 240];
foreach (var (rule, counts) in new[] { (HopfieldLearningRule.Hebbian, hebbCounts), (HopfieldLearningRule.PseudoInverse, projectionCounts) })
{
    var points = HopfieldCapacity.Measure(new HopfieldCapacityOptions
    {
        Units = 400, PatternCounts = counts, NoiseFraction = 0.1, Trials = 5, ProbesPerNetwork = 20, Rule = rule, Seed = 7,
    });
    Console.WriteLine($"{rule,-13}  p/N    recalled  mean overlap  stored pattern stable");
    foreach (var pt in points)
        Console.WriteLine($"  p = {pt.Patterns,3}    {pt.Load:F3}  {pt.RecalledFraction,7:P0}  {pt.MeanOverlap,12:F3}  {pt.StableFraction,13:P0}");
    Console.WriteLine();
}

static string Row(float[] state, int row) =>
    string.Concat(state.AsSpan(row * 10, 10).ToArray().Select(v => v > 0 ? '#' : '.'));
