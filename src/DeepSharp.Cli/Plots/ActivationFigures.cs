using System.Globalization;
using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Plotting;
using DeepSharp.Tensors;

namespace DeepSharp.Cli.Plots;

/// <summary>The lectures' activation gallery (each function and its derivative, the derivative
/// taken by autograd through the library's own layer) and softmax scores beside their probabilities.</summary>
internal static class ActivationFigures
{
    /// <summary>The gallery's functions, in the lecture's order: the nine, then step, sign and arctan.</summary>
    public static (string Name, Func<Module> Create)[] Gallery { get; } =
    [
        ("ReLU", () => new Relu()),
        ("leaky ReLU (0.1)", () => new LeakyRelu(0.1)),
        ("shifted ReLU (-1)", () => new ShiftedRelu(-1)),
        ("maxout of x, -x/2, x/4+1", MaxoutExample),
        ("softplus", () => new Softplus()),
        ("ELU", () => new Elu()),
        ("sigmoid", () => new Sigmoid()),
        ("tanh", () => new Tanh()),
        ("swish", () => new Swish()),
        ("step", () => new Step()),
        ("sign", () => new Sign()),
        ("arctan", () => new Arctan()),
    ];

    /// <summary>Values and derivatives of <paramref name="activation"/> at <paramref name="x"/> (computed in Float32, the layers' parameter type):
    /// the forward pass, then autograd's d f / d x of the summed output.</summary>
    public static (double[] Value, double[] Derivative) Evaluate(Module activation, double[] x)
    {
        var input = Tensor.FromArray(x.Select(v => (float)v).ToArray(), [x.Length, 1]).RequireGrad();
        var output = activation.Forward(input);
        output.Sum().Backward();
        double[] value = Array.ConvertAll(output.Detach().Reshape(x.Length).ToArray<float>(), v => (double)v);
        double[] derivative = input.Grad is { } g ? Array.ConvertAll(g.Reshape(x.Length).ToArray<float>(), v => (double)v) : new double[x.Length];
        return (value, derivative);
    }

    /// <summary>One panel per activation: f and f' over [-4, 4].</summary>
    public static PanelGrid ActivationGallery(string? title)
    {
        double[] x = Enumerable.Range(0, 401).Select(i => -4 + i * 0.02).ToArray();
        var panels = new List<Plot>();
        foreach (var (name, create) in Gallery)
        {
            var (value, derivative) = Evaluate(create(), x);
            panels.Add(new LinePlot(
                [new PlotSeries("f(x)", x, value, ShowMarkers: false), new PlotSeries("f'(x)", x, derivative, ShowMarkers: false)],
                new LinePlotOptions { Title = name, Width = 380, Height = 320, XMin = -4, XMax = 4, YMin = -2.5, YMax = 4.5, TextScale = 1 }));
        }
        return new PanelGrid(panels, 4, title ?? "Activation functions (blue) and their derivatives (orange)");
    }

    /// <summary>The score vectors of the softmax figure when none are given: a typical one, the same
    /// times ten (sharper), the same plus 100 (identical probabilities: softmax ignores shifts), and a tie.</summary>
    public static double[][] DefaultScores { get; } = [[2, 1, 0.1], [20, 10, 1], [102, 101, 100.1], [1, 3, 3, 0]];

    /// <summary>Rows of two bar charts: each score vector and its softmax probabilities.</summary>
    public static PanelGrid SoftmaxFigure(double[][] scores, string? title, TextWriter output)
    {
        var panels = new List<Plot>();
        foreach (double[] z in scores)
        {
            double[] p = Functional.Softmax(Tensor.FromArray(z, [z.Length])).ToArray<double>();
            string scoresText = string.Join(", ", z.Select(v => v.ToString("G4", CultureInfo.InvariantCulture)));
            output.WriteLine($"softmax({scoresText}) = ({string.Join(", ", p.Select(v => v.ToString("F4", CultureInfo.InvariantCulture)))})");
            panels.Add(new BarChart(z, new BarChartOptions { Title = $"scores ({scoresText})", XLabel = "class", YLabel = "score", ValueDecimals = 1 }));
            panels.Add(new BarChart(p, new BarChartOptions
            {
                Title = "softmax probabilities", XLabel = "class", YLabel = "probability", YMin = 0, YMax = 1.15, Color = Palette.Categorical(1),
            }));
        }
        return new PanelGrid(panels, 2, title ?? "Scores and their softmax probabilities");
    }

    // Maxout over one input with three fixed pieces: max(x, -x/2, x/4 + 1), a convex piecewise-linear unit.
    private static Module MaxoutExample()
    {
        var maxout = new Maxout(1, 1, 3);
        using (GradMode.NoGrad())
        {
            maxout.Weight.CopyFrom(Tensor.FromArray(new[] { 1f, -0.5f, 0.25f }, [3, 1]));
            maxout.Bias.CopyFrom(Tensor.FromArray(new[] { 0f, 0f, 1f }, [3]));
        }
        return maxout;
    }
}
