using System.Globalization;
using System.Text;
using DeepSharp.Training;

namespace DeepSharp.Cli.Output;

/// <summary>A confusion matrix and per-class precision / recall as aligned text.</summary>
internal static class ConfusionTable
{
    public static string Format(ConfusionMatrix matrix, IReadOnlyList<string> classNames)
    {
        int n = matrix.Classes;
        string Name(int c) => c < classNames.Count ? classNames[c] : c.ToString(CultureInfo.InvariantCulture);
        int nameWidth = Math.Max(10, Enumerable.Range(0, n).Max(c => Name(c).Length));
        int cell = Math.Max(6, Enumerable.Range(0, n).Max(a => Enumerable.Range(0, n).Max(p => matrix[a, p].ToString(CultureInfo.InvariantCulture).Length)) + 1);
        var sb = new StringBuilder();
        sb.AppendLine("confusion matrix (rows: true class, columns: predicted class)");
        sb.Append(' ', nameWidth);
        for (int p = 0; p < n; p++) sb.Append(p.ToString(CultureInfo.InvariantCulture).PadLeft(cell));
        sb.AppendLine();
        for (int a = 0; a < n; a++)
        {
            sb.Append(Name(a).PadRight(nameWidth));
            for (int p = 0; p < n; p++) sb.Append(matrix[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(cell));
            sb.AppendLine();
        }
        sb.AppendLine();
        sb.Append("class".PadRight(nameWidth)).AppendLine("  precision     recall         f1    support");
        for (int c = 0; c < n; c++)
        {
            long support = Enumerable.Range(0, n).Sum(p => matrix[c, p]);
            sb.Append(Name(c).PadRight(nameWidth))
              .Append(string.Create(CultureInfo.InvariantCulture, $"{matrix.Precision(c),11:F4}{matrix.Recall(c),11:F4}{matrix.F1(c),11:F4}{support,11}"))
              .AppendLine();
        }
        return sb.ToString();
    }
}
