using DeepSharp.Tensors;

namespace DeepSharp.Serialization.Onnx;

/// <summary>The shape and indexing ops of an imported graph (what torch.onnx.export emits around its layers:
/// Shape, Gather, Unsqueeze, Concat, ConstantOfShape, Slice, Squeeze, Transpose, Reshape, Flatten, ...).</summary>
internal static class OnnxShapeOps
{
    public static readonly string[] Supported =
        ["Constant", "Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "ConstantOfShape", "Slice", "Transpose", "Reshape", "Flatten", "Expand"];

    public static OnnxValue Run(OnnxNode node, OnnxValue?[] x)
    {
        OnnxValue In(int i) => i < x.Length && x[i] is { } v ? v : throw node.Error($"input {i} is missing.");
        OnnxValue Same(Tensor t) => new(t, In(0).IsInteger);
        int Axis(long axis, int rank)
        {
            long a = axis < 0 ? axis + rank : axis;
            return a >= 0 && a < rank ? (int)a : throw node.Error($"axis {axis} is out of range for rank {rank}.");
        }
        switch (node.Op)
        {
            case "Constant":
                return Constant(node);
            case "Shape":
                return OnnxValue.Integers([.. In(0).Shape.Select(d => (long)d)], In(0).Shape.Length);
            case "Gather":
            {
                var data = In(0).Tensor;
                int axis = Axis(node.Int("axis", 0), data.Rank);
                var indices = In(1);
                long[] idx = [.. indices.Longs().Select(i => i < 0 ? i + data.Shape[axis] : i)];
                if (idx.Any(i => i < 0 || i >= data.Shape[axis]))
                    throw node.Error($"an index is out of range for dimension {axis} of size {data.Shape[axis]}.");
                var picked = Tensor.Cat([.. idx.Select(i => data.Narrow(axis, (int)i, 1))], axis);
                // The indices' shape replaces the gathered dimension (a scalar index removes it).
                int[] shape = [.. data.Shape[..axis], .. indices.Shape, .. data.Shape[(axis + 1)..]];
                return Same(picked.Reshape(shape));
            }
            case "Unsqueeze":
            {
                var axes = In(1).Longs();
                var t = In(0).Tensor;
                int rank = t.Rank + axes.Length;
                foreach (int a in axes.Select(a => Axis(a, rank)).Order()) t = t.Unsqueeze(a);
                return Same(t);
            }
            case "Squeeze":
            {
                var t = In(0).Tensor;
                var axes = x.Length > 1 && x[1] is { } a ? a.Longs().Select(v => Axis(v, t.Rank)).ToArray()
                    : [.. Enumerable.Range(0, t.Rank).Where(i => t.Shape[i] == 1)];
                foreach (int axis in axes.OrderDescending())
                {
                    if (t.Shape[axis] != 1) throw node.Error($"cannot squeeze dimension {axis} of size {t.Shape[axis]}.");
                    t = t.Squeeze(axis);
                }
                return Same(t);
            }
            case "Concat":
            {
                var parts = x.Where(v => v is not null).Select(v => v!).ToArray();
                bool integer = parts.All(p => p.IsInteger);
                var dtype = integer ? DType.Float64 : DType.Float32;
                int axis = Axis(node.Int("axis", 0), parts[0].Tensor.Rank);
                return new OnnxValue(Tensor.Cat([.. parts.Select(p => p.Tensor.To(dtype))], axis), integer);
            }
            case "ConstantOfShape":
            {
                int[] shape = Dims(node, In(0).Longs());
                var value = node.TensorAttribute("value") is { } v ? OnnxTensorReader.Read(v, node.File) : OnnxValue.Float(Tensor.Zeros(1));
                double fill = value.Tensor.To(DType.Float64).ToDoubleArray()[0];
                return new OnnxValue(Tensor.Full(shape, fill, value.IsInteger ? DType.Float64 : DType.Float32), value.IsInteger);
            }
            case "Slice":
            {
                var t = In(0).Tensor;
                var starts = In(1).Longs();
                var ends = In(2).Longs();
                var axes = x.Length > 3 && x[3] is { } a ? a.Longs() : [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)];
                var steps = x.Length > 4 && x[4] is { } s ? s.Longs() : [.. starts.Select(_ => 1L)];
                for (int i = 0; i < starts.Length; i++)
                {
                    if (steps[i] != 1) throw node.Error($"step {steps[i]} is not supported (only 1).");
                    int axis = Axis(axes[i], t.Rank);
                    long size = t.Shape[axis];
                    long begin = Math.Clamp(starts[i] < 0 ? starts[i] + size : starts[i], 0, size);
                    long end = Math.Clamp(ends[i] < 0 ? ends[i] + size : ends[i], 0, size);
                    t = t.Narrow(axis, (int)begin, (int)Math.Max(0, end - begin));
                }
                return Same(t);
            }
            case "Transpose":
            {
                var t = In(0).Tensor;
                int[] perm = node.Ints("perm") is { } p ? [.. p.Select(v => (int)v)] : [.. Enumerable.Range(0, t.Rank).Reverse()];
                return Same(t.Permute(perm).Contiguous());
            }
            case "Reshape":
            {
                var t = In(0).Tensor;
                var target = In(1).Longs();
                if (node.Int("allowzero", 0) != 0 && target.Contains(0)) throw node.Error("allowzero = 1 with a zero in the shape is not supported.");
                long[] shape = [.. target.Select((d, i) => d == 0 ? t.Shape[i] : d)];
                return Same(t.Reshape(Dims(node, shape, t.Numel)));
            }
            case "Flatten":
            {
                var t = In(0).Tensor;
                int axis = (int)node.Int("axis", 1);
                if (axis < 0) axis += t.Rank;
                int outer = 1;
                for (int i = 0; i < axis; i++) outer *= t.Shape[i];
                return Same(t.Reshape(outer, outer == 0 ? 0 : t.Numel / outer));
            }
            case "Expand":
            {
                var t = In(0).Tensor;
                var target = In(1).Longs();
                int rank = Math.Max(t.Rank, target.Length);
                // Broadcast against ones of the target shape (the ONNX rule: dimensions of 1 stretch either way).
                var ones = Tensor.Ones([.. Enumerable.Range(0, rank).Select(i =>
                {
                    int ti = i - (rank - target.Length), si = i - (rank - t.Rank);
                    long want = ti >= 0 ? target[ti] : 1, have = si >= 0 ? t.Shape[si] : 1;
                    return (int)Math.Max(want, have);
                })], t.DType);
                return Same(t * ones);
            }
            default:
                throw node.Error("not supported by the DeepSharp importer.");
        }
    }

    /// <summary>A shape with -1 resolved against <paramref name="numel"/> (when given), checked positive.</summary>
    private static int[] Dims(OnnxNode node, long[] shape, long numel = -1)
    {
        if (shape.Count(d => d == -1) > 1 || shape.Any(d => d < -1 || d > int.MaxValue))
            throw node.Error($"invalid shape [{string.Join(", ", shape)}].");
        if (shape.Contains(-1))
        {
            long known = shape.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
            if (numel < 0 || known == 0 || numel % known != 0) throw node.Error($"cannot infer -1 in [{string.Join(", ", shape)}] for {numel} elements.");
            shape = [.. shape.Select(d => d == -1 ? numel / known : d)];
        }
        long total = shape.Aggregate(1L, (a, b) => checked(a * b));
        if (total > int.MaxValue) throw node.Error($"shape [{string.Join(", ", shape)}] is too large.");
        return [.. shape.Select(d => (int)d)];
    }

    private static OnnxValue Constant(OnnxNode node)
    {
        if (node.TensorAttribute("value") is { } t) return OnnxTensorReader.Read(t, node.File);
        if (node.Proto.Attribute.FirstOrDefault(a => a.Name == "value_float") is { } f) return OnnxValue.Float(Tensor.Scalar(f.F));
        if (node.Proto.Attribute.FirstOrDefault(a => a.Name == "value_floats") is { } fs) return OnnxValue.Float(Tensor.FromArray([.. fs.Floats], fs.Floats.Count));
        if (node.Proto.Attribute.FirstOrDefault(a => a.Name == "value_int") is { } i) return OnnxValue.Integers([i.I]);
        if (node.Ints("value_ints") is { } ints) return OnnxValue.Integers(ints, ints.Length);
        throw node.Error("needs a value, value_float(s) or value_int(s) attribute.");
    }
}
