using System.Text;

namespace DeepSharp.Tensors;

/// <summary>Shape arithmetic shared by tensor operations: element counts, strides, broadcasting, formatting.</summary>
public static class Shapes
{
    /// <summary>Formats a shape the way error messages show it: <c>(64, 784)</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        if (shape.Length == 0) return "()";
        var sb = new StringBuilder("(");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(shape[i]);
        }
        if (shape.Length == 1) sb.Append(',');
        return sb.Append(')').ToString();
    }

    /// <summary>Number of elements of a shape, checked for overflow.</summary>
    public static int Numel(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"Shape {Format(shape)} has a negative dimension.", nameof(shape));
            n *= d;
            if (n > int.MaxValue) throw new ArgumentException($"Shape {Format(shape)} has more than {int.MaxValue} elements.", nameof(shape));
        }
        return (int)n;
    }

    /// <summary>Row-major (C-contiguous) strides of a shape.</summary>
    public static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }
        return strides;
    }

    /// <summary>The NumPy broadcast of two shapes; throws <see cref="ShapeMismatchException"/> naming <paramref name="op"/>.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ShapeMismatchException(
                    $"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast: dimension {i} is {da} vs {db}.");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Normalizes a possibly negative dimension index against <paramref name="rank"/>.</summary>
    public static int NormalizeDim(int dim, int rank, string op)
    {
        int r = Math.Max(rank, 1);
        if (dim < -r || dim >= r)
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"{op}: dimension {dim} is out of range for a tensor of rank {rank}.");
        return dim < 0 ? dim + r : dim;
    }

    /// <summary>Normalizes, de-duplicates and sorts a list of dimensions; null or empty means all dimensions.</summary>
    public static int[] NormalizeDims(int[]? dims, int rank, string op)
    {
        if (dims is null || dims.Length == 0)
        {
            var all = new int[rank];
            for (int i = 0; i < rank; i++) all[i] = i;
            return all;
        }
        var set = new SortedSet<int>();
        foreach (int d in dims)
        {
            int n = NormalizeDim(d, rank, op);
            if (!set.Add(n)) throw new ArgumentException($"{op}: dimension {d} is repeated.", nameof(dims));
        }
        return [.. set];
    }

    internal static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);
}
