using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Classic;

/// <summary>
/// A radial basis function network (Broomhead &amp; Lowe; Moody &amp; Darken): a layer of Gaussian
/// units φ_k(x) = exp(−‖x − c_k‖² / (2σ_k²)) and a linear readout y = W φ(x) + b. The classic
/// recipe (<see cref="FitFromData"/>) places the centres by k-means (or sampling), sets each width
/// from the spacing of the centres, and solves the readout by least squares in closed form; as an
/// option every parameter (centres and widths included) then trains end to end like any module.
/// </summary>
/// <remarks>input (N, in) -> hidden (N, units) -> output (N, out), logits for classification.</remarks>
public sealed class RbfNetwork : Module
{
    /// <summary>Creates the network with default parameters (centres in U(−1, 1), widths 1, PyTorch's Linear initialization).</summary>
    public RbfNetwork(int inFeatures, int units, int outFeatures, RandomGenerator? rng = null)
    {
        rng ??= RandomGenerator.Default;
        Hidden = RegisterModule("hidden", new RadialBasis(inFeatures, units, rng));
        Readout = RegisterModule("readout", new Linear(units, outFeatures, rng: rng));
    }

    /// <summary>The Gaussian units.</summary>
    public RadialBasis Hidden { get; }

    /// <summary>The linear readout.</summary>
    public Linear Readout { get; }

    /// <summary>Number of Gaussian units K.</summary>
    public int Units => Hidden.Units;

    /// <summary>Number of outputs.</summary>
    public int Outputs => Readout.Weight.Size(0);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Readout.Forward(Hidden.Forward(input));

    /// <summary>The classic two-stage fit: <see cref="PlaceUnits"/>, then <see cref="FitReadout"/>.</summary>
    /// <param name="inputs">Training inputs (N, in).</param>
    /// <param name="targets">Int32 class labels (N) (fitted as one-hot rows) or real targets (N, out).</param>
    /// <param name="options">Centre selection, widths and ridge; defaults when null.</param>
    /// <param name="rng">k-means seeding or the sample.</param>
    public void FitFromData(Tensor inputs, Tensor targets, RbfOptions? options = null, RandomGenerator? rng = null)
    {
        options ??= new RbfOptions();
        PlaceUnits(inputs, options, rng ?? new RandomGenerator(0));
        FitReadout(inputs, targets, options.Ridge);
    }

    /// <summary>Sets the centres from the inputs (k-means or a sample) and each width to
    /// <see cref="RbfOptions.WidthScale"/> × the mean distance to its <see cref="RbfOptions.WidthNeighbours"/>
    /// nearest other centres (with one unit: the inputs' RMS distance from their mean).</summary>
    public void PlaceUnits(Tensor inputs, RbfOptions options, RandomGenerator rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        var (x, n, d) = Check.Matrix(inputs, $"{this}.PlaceUnits", Hidden.InFeatures);
        int k = Units;
        if (n < k) throw new ArgumentException($"{this}: {k} centres need at least {k} training inputs, got {n}.", nameof(inputs));
        double[] points = Array.ConvertAll(x, v => (double)v);
        double[] centres = options.Centres == RbfCentreSelection.KMeans
            ? KMeans.Fit(points, n, d, k, rng, options.KMeansIterations)
            : rng.Permutation(n).Take(k).SelectMany(i => points.AsSpan(i * d, d).ToArray()).ToArray();
        var widths = new double[k];
        if (k == 1)
        {
            var mean = Enumerable.Range(0, d).Select(j => Enumerable.Range(0, n).Average(i => points[i * d + j])).ToArray();
            widths[0] = Math.Sqrt(Enumerable.Range(0, n).Average(i => KMeans.Distance2(points, i, mean, 0, d)));
        }
        else
        {
            int neighbours = Math.Min(options.WidthNeighbours, k - 1);
            for (int a = 0; a < k; a++)
                widths[a] = Enumerable.Range(0, k).Where(b => b != a).Select(b => Math.Sqrt(KMeans.Distance2(centres, a, centres, b, d)))
                    .Order().Take(neighbours).Average();
        }
        double fallback = widths.Where(w => w > 0).DefaultIfEmpty(1).Average();
        using (GradMode.NoGrad())
        {
            Hidden.Centres.CopyFrom(Tensor.FromArray(Array.ConvertAll(centres, v => (float)v), [k, d]));
            Hidden.LogWidths.CopyFrom(Tensor.FromArray(widths.Select(w => (float)Math.Log(options.WidthScale * (w > 0 ? w : fallback))).ToArray(), [k]));
        }
    }

    /// <summary>Solves the readout in closed form with the units fixed: [W b] minimizing
    /// ‖Φ Wᵀ + b − Y‖² + λ‖W‖², from the normal equations (Φ̃ᵀΦ̃ + λI') θ = Φ̃ᵀY with Φ̃ = [Φ 1] in double precision.</summary>
    /// <param name="inputs">Inputs (N, in).</param>
    /// <param name="targets">Int32 labels (N) in [0, out) or targets (N, out).</param>
    /// <param name="ridge">λ ≥ 0.</param>
    /// <exception cref="InvalidOperationException">The system is singular (e.g. duplicate centres and λ = 0).</exception>
    public void FitReadout(Tensor inputs, Tensor targets, double ridge = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Check.NonNegative(ridge, nameof(ridge));
        Tensor phi;
        using (GradMode.NoGrad()) phi = Hidden.Forward(inputs);
        var (features, n, k) = Check.Matrix(phi, $"{this}.FitReadout");
        int c = Outputs, m = k + 1;
        double[] y = Targets(targets, n, c);
        var a = new double[m * m];
        var b = new double[m * c];
        for (int i = 0; i < n; i++)
        {
            for (int p = 0; p < m; p++)
            {
                double fp = p < k ? features[i * k + p] : 1;
                for (int q = 0; q < m; q++) a[p * m + q] += fp * (q < k ? features[i * k + q] : 1);
                for (int j = 0; j < c; j++) b[p * c + j] += fp * y[i * c + j];
            }
        }
        for (int p = 0; p < k; p++) a[p * m + p] += ridge;
        LinearSolve.SolveInPlace(a, b, m, c);
        var weight = new float[c * k];
        var bias = new float[c];
        for (int j = 0; j < c; j++)
        {
            for (int p = 0; p < k; p++) weight[j * k + p] = (float)b[p * c + j];
            bias[j] = (float)b[k * c + j];
        }
        using (GradMode.NoGrad())
        {
            Readout.Weight.CopyFrom(Tensor.FromArray(weight, [c, k]));
            Readout.Bias!.CopyFrom(Tensor.FromArray(bias, [c]));
        }
    }

    /// <summary>E.g. <c>RbfNetwork(2 -> 8 Gaussians -> 2)</c>.</summary>
    public override string ToString() => $"RbfNetwork({Hidden.InFeatures} -> {Units} Gaussians -> {Outputs})";

    private double[] Targets(Tensor targets, int n, int c)
    {
        if (targets.DType == DType.Int32)
        {
            int[] labels = Check.Labels(targets, n, c, $"{this}.FitReadout");
            var y = new double[n * c];
            for (int i = 0; i < n; i++) y[i * c + labels[i]] = 1;
            return y;
        }
        var (values, rows, _) = Check.Matrix(targets, $"{this}.FitReadout targets", c);
        if (rows != n) throw new ArgumentException($"{this}.FitReadout: expected {n} target rows (one per input), got {rows}.", nameof(targets));
        return Array.ConvertAll(values, v => (double)v);
    }
}
