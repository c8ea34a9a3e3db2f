namespace DeepSharp.Backends.Reference;

public sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public void Unary(UnaryOp op, StorageView x, StorageView dst)
    {
        RequireFloat(dst.DType, op.ToString());
        CheckSameCount(x, dst, op.ToString());
        var v = StridedElements.Read(x);
        var result = new double[v.Length];
        for (int i = 0; i < v.Length; i++) result[i] = ScalarMath.Unary(op, v[i]);
        StridedElements.Write(dst, result);
    }

    /// <inheritdoc/>
    public void Binary(BinaryOp op, StorageView a, StorageView b, StorageView dst)
    {
        RequireFloat(dst.DType, op.ToString());
        CheckSameCount(a, dst, op.ToString());
        CheckSameCount(b, dst, op.ToString());
        // Both inputs are read in full before anything is written, so dst may be a itself.
        double[] x = StridedElements.Read(a), y = StridedElements.Read(b);
        var result = new double[x.Length];
        for (int i = 0; i < x.Length; i++) result[i] = ScalarMath.Binary(op, x[i], y[i]);
        StridedElements.Write(dst, result);
    }

    /// <inheritdoc/>
    public void Compare(ComparisonOp op, StorageView a, StorageView b, StorageView dst)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"Compare: the operands are {a.DType} and {b.DType}; expected one dtype.");
        RequireFloat(dst.DType, "Compare");
        CheckSameCount(a, dst, "Compare");
        CheckSameCount(b, dst, "Compare");
        // Int32 widens to double exactly, so one comparison serves every dtype.
        double[] x = StridedElements.Read(a), y = StridedElements.Read(b);
        var result = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            bool holds = op switch
            {
                ComparisonOp.Equal => x[i] == y[i],
                ComparisonOp.NotEqual => x[i] != y[i],
                ComparisonOp.Greater => x[i] > y[i],
                ComparisonOp.GreaterOrEqual => x[i] >= y[i],
                ComparisonOp.Less => x[i] < y[i],
                ComparisonOp.LessOrEqual => x[i] <= y[i],
                _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison."),
            };
            result[i] = holds ? 1 : 0;
        }
        StridedElements.Write(dst, result);
    }

    /// <inheritdoc/>
    public void Where(StorageView condition, StorageView a, StorageView b, StorageView dst)
    {
        if (a.DType != dst.DType || b.DType != dst.DType)
            throw new ArgumentException($"Where: the branches are {a.DType} and {b.DType}, the output {dst.DType}; expected one dtype.");
        CheckSameCount(condition, dst, "Where");
        CheckSameCount(a, dst, "Where");
        CheckSameCount(b, dst, "Where");
        double[] c = StridedElements.Read(condition), x = StridedElements.Read(a), y = StridedElements.Read(b);
        var result = new double[c.Length];
        for (int i = 0; i < c.Length; i++) result[i] = c[i] != 0 ? x[i] : y[i];
        StridedElements.Write(dst, result);
    }

    /// <inheritdoc/>
    public void ActivationBackward(Activation activation, StorageView y, StorageView gy, StorageView gx)
    {
        RequireFloat(gx.DType, "ActivationBackward");
        double[] ys = StridedElements.Read(y), gs = StridedElements.Read(gy);
        var result = new double[gs.Length];
        for (int i = 0; i < gs.Length; i++)
            result[i] = activation switch
            {
                Activation.None => gs[i],
                Activation.Relu => ys[i] > 0 ? gs[i] : 0,
                Activation.Tanh => gs[i] * (1 - ys[i] * ys[i]),
                Activation.Sigmoid => gs[i] * ys[i] * (1 - ys[i]),
                _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
            };
        StridedElements.Write(gx, result);
    }

    /// <inheritdoc/>
    public void PointwiseLoss(PointwiseLossKind loss, StorageView a, StorageView b, StorageView y)
    {
        RequireFloat(y.DType, "PointwiseLoss");
        double[] x = StridedElements.Read(a), t = StridedElements.Read(b);
        var result = new double[x.Length];
        for (int i = 0; i < x.Length; i++) result[i] = ScalarMath.Loss(loss, x[i], t[i]);
        StridedElements.Write(y, result);
    }

    /// <inheritdoc/>
    public void PointwiseLossBackward(PointwiseLossKind loss, StorageView a, StorageView b, StorageView gy, StorageView? ga, StorageView? gb)
    {
        RequireFloat(gy.DType, "PointwiseLossBackward");
        double[] x = StridedElements.Read(a), t = StridedElements.Read(b), g = StridedElements.Read(gy);
        if (ga is { } da)
        {
            var result = new double[x.Length];
            for (int i = 0; i < x.Length; i++) result[i] = g[i] * ScalarMath.LossGradA(loss, x[i], t[i]);
            StridedElements.Write(da, result);
        }
        if (gb is { } db)
        {
            var result = new double[x.Length];
            for (int i = 0; i < x.Length; i++) result[i] = g[i] * ScalarMath.LossGradB(loss, x[i], t[i]);
            StridedElements.Write(db, result);
        }
    }
}
