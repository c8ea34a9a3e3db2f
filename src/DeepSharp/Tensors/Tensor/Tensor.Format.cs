using System.Globalization;
using System.Text;

namespace DeepSharp.Tensors;

public sealed partial class Tensor
{
    private const int EdgeItems = 3;
    private const int SummarizeAbove = 1000;

    /// <summary>Shape, dtype and values, summarized with "..." beyond three items per edge for large tensors.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Tensor(shape=").Append(Shapes.Format(_shape)).Append(", dtype=").Append(DType);
        if (RequiresGrad) sb.Append(", requiresGrad");
        if (GradFn is not null) sb.Append(", gradFn=").Append(GradFn);
        sb.Append(")\n");
        var values = DType switch
        {
            DType.Float32 => ToArray<float>().Select(v => (double)v).ToArray(),
            DType.Float64 => ToArray<double>(),
            _ => ToArray<int>().Select(v => (double)v).ToArray(),
        };
        bool summarize = Numel > SummarizeAbove;
        var strides = Shapes.ContiguousStrides(_shape);
        AppendLevel(sb, values, strides, 0, 0, summarize);
        return sb.ToString();
    }

    private void AppendLevel(StringBuilder sb, double[] values, int[] strides, int dim, int offset, bool summarize)
    {
        if (dim == Rank)
        {
            sb.Append(FormatValue(values[offset]));
            return;
        }
        sb.Append('[');
        int n = _shape[dim];
        string separator = dim == Rank - 1 ? ", " : ",\n" + new string(' ', dim + 1);
        for (int i = 0; i < n; i++)
        {
            if (summarize && n > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append("...").Append(separator);
                i = n - EdgeItems - 1;
                continue;
            }
            AppendLevel(sb, values, strides, dim + 1, offset + i * strides[dim], summarize);
            if (i < n - 1) sb.Append(separator);
        }
        sb.Append(']');
    }

    private string FormatValue(double v) => DType == DType.Int32
        ? ((long)v).ToString(CultureInfo.InvariantCulture)
        : v.ToString("G6", CultureInfo.InvariantCulture);
}
