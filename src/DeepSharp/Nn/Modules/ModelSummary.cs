using System.Globalization;
using System.Text;
using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// A Keras-style summary of a model: each layer with its output shape and parameter count, and
/// the totals. Built by <see cref="Module.Summary"/>, which runs one forward pass on a zero batch
/// of one sample (without recording a graph, in evaluation mode, restoring the modes afterwards).
/// </summary>
/// <remarks>
/// <see cref="Sequential"/> containers are expanded recursively into their layers; any other
/// module is one row (its own output shape and all parameters beneath it).
/// </remarks>
public sealed class ModelSummary
{
    private ModelSummary(int[] inputShape, IReadOnlyList<ModelSummaryRow> rows, long total, long trainable)
    {
        InputShape = inputShape;
        Rows = rows;
        TotalParameters = total;
        TrainableParameters = trainable;
    }

    /// <summary>The input shape of the summary's forward pass, batch dimension (1) first.</summary>
    public int[] InputShape { get; }

    /// <summary>The layers in application order.</summary>
    public IReadOnlyList<ModelSummaryRow> Rows { get; }

    /// <summary>All learnable scalars of the model.</summary>
    public long TotalParameters { get; }

    /// <summary>The scalars of parameters with <c>RequiresGrad</c> set.</summary>
    public long TrainableParameters { get; }

    /// <summary>Frozen scalars (<see cref="TotalParameters"/> - <see cref="TrainableParameters"/>).</summary>
    public long NonTrainableParameters => TotalParameters - TrainableParameters;

    /// <summary>The model's output shape for one sample (batch dimension first).</summary>
    public int[] OutputShape => Rows.Count > 0 ? Rows[^1].OutputShape : InputShape;

    internal static ModelSummary Build(Module model, int[] sampleShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (int d in sampleShape)
            if (d < 1)
                throw new ArgumentOutOfRangeException(nameof(sampleShape), d,
                    $"Summary: the sample shape {Shapes.Format(sampleShape)} must have positive dimensions (give it without the batch dimension).");
        var dtype = model.Parameters().Select(p => p.DType).FirstOrDefault(t => t.IsFloatingPoint(), DType.Float32);
        int[] inputShape = [1, .. sampleShape];
        var rows = new List<ModelSummaryRow>();
        var modes = model.NamedModules().Select(m => (m.Module, m.Module.IsTraining)).ToList();
        model.Eval();
        try
        {
            using (GradMode.NoGrad()) Walk(model, "", Tensor.Zeros(inputShape, dtype), rows);
        }
        finally
        {
            // NamedModules is pre-order, so a parent's Train() is overridden by its children's own modes after it.
            foreach (var (module, training) in modes) module.Train(training);
        }
        var parameters = model.Parameters().ToList();
        return new ModelSummary(inputShape, rows,
            parameters.Sum(p => (long)p.Numel),
            parameters.Where(p => p.RequiresGrad).Sum(p => (long)p.Numel));
    }

    private static Tensor Walk(Module module, string name, Tensor x, List<ModelSummaryRow> rows)
    {
        if (module is Sequential)
        {
            foreach (var (childName, child) in module.NamedChildren())
                x = Walk(child, name.Length == 0 ? childName : name + "." + childName, x, rows);
            return x;
        }
        Tensor y;
        try
        {
            y = module.Forward(x);
        }
        catch (ShapeMismatchException e)
        {
            throw new ShapeMismatchException($"Summary: layer '{name}' {module} failed on input {Shapes.Format(x.Shape)}: {e.Message}");
        }
        rows.Add(new ModelSummaryRow(name, module.ToString() ?? module.GetType().Name, y.ShapeArray, module.ParameterCount));
        return y;
    }

    /// <summary>The table: one line per layer (name, type, output shape with the batch shown as N, parameters) and the totals.</summary>
    public override string ToString()
    {
        string[] header = ["Layer", "Type", "Output shape", "Param #"];
        var cells = Rows.Select(r => new[] { r.Name.Length == 0 ? "-" : r.Name, r.Description, FormatShape(r.OutputShape), Count(r.ParameterCount) }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        int total = widths.Sum() + 2 * (widths.Length - 1);
        var sb = new StringBuilder();
        sb.Append("Input shape: ").AppendLine(FormatShape(InputShape));
        sb.AppendLine(new string('=', total));
        sb.AppendLine(Line(header, widths));
        sb.AppendLine(new string('=', total));
        foreach (var c in cells) sb.AppendLine(Line(c, widths));
        sb.AppendLine(new string('=', total));
        sb.Append("Total params: ").AppendLine(Count(TotalParameters));
        sb.Append("Trainable params: ").AppendLine(Count(TrainableParameters));
        sb.Append("Non-trainable params: ").Append(Count(NonTrainableParameters));
        return sb.ToString();
    }

    private static string Line(string[] cells, int[] widths)
    {
        var parts = cells.Select((c, i) => i == cells.Length - 1 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
        return string.Join("  ", parts).TrimEnd();
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string FormatShape(int[] shape) =>
        shape.Length == 0 ? "()" : "(" + string.Join(", ", shape.Select((d, i) => i == 0 ? "N" : d.ToString(CultureInfo.InvariantCulture))) + ")";
}
