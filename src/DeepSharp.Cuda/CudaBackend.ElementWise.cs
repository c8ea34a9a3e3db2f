namespace DeepSharp.Backends.Cuda;

public sealed partial class CudaBackend
{
    /// <inheritdoc/>
    public void Unary(UnaryOp op, StorageView x, StorageView dst)
    {
        var (shape, s) = KernelLayout.Of(dst.Shape, x, dst);
        if (IsSingle(dst.DType, op.ToString()))
            Launch(ElementWiseKernels.Unary<float, F32>, dst.Numel, Whole<float>(x, "Unary"), s[0], Whole<float>(dst, "Unary"), s[1], shape, (int)op);
        else
            Launch(ElementWiseKernels.Unary<double, F64>, dst.Numel, Whole<double>(x, "Unary"), s[0], Whole<double>(dst, "Unary"), s[1], shape, (int)op);
    }

    /// <inheritdoc/>
    public void Binary(BinaryOp op, StorageView a, StorageView b, StorageView dst)
    {
        var (shape, s) = KernelLayout.Of(dst.Shape, a, b, dst);
        if (IsSingle(dst.DType, op.ToString()))
            Launch(ElementWiseKernels.Binary<float, F32>, dst.Numel, Whole<float>(a, "Binary"), s[0], Whole<float>(b, "Binary"), s[1],
                Whole<float>(dst, "Binary"), s[2], shape, (int)op);
        else
            Launch(ElementWiseKernels.Binary<double, F64>, dst.Numel, Whole<double>(a, "Binary"), s[0], Whole<double>(b, "Binary"), s[1],
                Whole<double>(dst, "Binary"), s[2], shape, (int)op);
    }

    /// <inheritdoc/>
    public void Compare(ComparisonOp op, StorageView a, StorageView b, StorageView dst)
    {
        switch (a.DType, dst.DType)
        {
            case (DType.Float32, DType.Float32): CompareAs<float, F32, float, F32>(op, a, b, dst); break;
            case (DType.Float64, DType.Float64): CompareAs<double, F64, double, F64>(op, a, b, dst); break;
            case (DType.Int32, DType.Float32): CompareAs<int, I32, float, F32>(op, a, b, dst); break;
            case (DType.Int32, DType.Float64): CompareAs<int, I32, double, F64>(op, a, b, dst); break;
            default: throw new ArgumentException($"Compare: {a.DType} operands with a {dst.DType} mask are not supported.");
        }
    }

    private void CompareAs<T, TN, TD, ND>(ComparisonOp op, StorageView a, StorageView b, StorageView dst)
        where T : unmanaged where TN : struct, INumeric<T> where TD : unmanaged where ND : struct, INumeric<TD>
    {
        var (shape, s) = KernelLayout.Of(dst.Shape, a, b, dst);
        Launch(ElementWiseKernels.Compare<T, TN, TD, ND>, dst.Numel, Whole<T>(a, "Compare"), s[0], Whole<T>(b, "Compare"), s[1],
            Whole<TD>(dst, "Compare"), s[2], shape, (int)op);
    }

    /// <inheritdoc/>
    public void Where(StorageView condition, StorageView a, StorageView b, StorageView dst)
    {
        switch (dst.DType, condition.DType)
        {
            case (DType.Float32, DType.Float32): WhereAs<float, F32, float>(condition, a, b, dst); break;
            case (DType.Float32, DType.Float64): WhereAs<double, F64, float>(condition, a, b, dst); break;
            case (DType.Float32, DType.Int32): WhereAs<int, I32, float>(condition, a, b, dst); break;
            case (DType.Float64, DType.Float32): WhereAs<float, F32, double>(condition, a, b, dst); break;
            case (DType.Float64, DType.Float64): WhereAs<double, F64, double>(condition, a, b, dst); break;
            case (DType.Float64, DType.Int32): WhereAs<int, I32, double>(condition, a, b, dst); break;
            case (DType.Int32, DType.Float32): WhereAs<float, F32, int>(condition, a, b, dst); break;
            case (DType.Int32, DType.Float64): WhereAs<double, F64, int>(condition, a, b, dst); break;
            default: WhereAs<int, I32, int>(condition, a, b, dst); break;
        }
    }

    private void WhereAs<TC, NC, T>(StorageView c, StorageView a, StorageView b, StorageView d)
        where TC : unmanaged where NC : struct, INumeric<TC> where T : unmanaged
    {
        var (shape, s) = KernelLayout.Of(d.Shape, c, a, b, d);
        Launch(ElementWiseKernels.Where<TC, NC, T>, d.Numel, Whole<TC>(c, "Where"), s[0], Whole<T>(a, "Where"), s[1], Whole<T>(b, "Where"), s[2],
            Whole<T>(d, "Where"), s[3], shape);
    }

    /// <inheritdoc/>
    public void Pointwise(PointwiseFunction f, StorageView x, StorageView y)
    {
        if (IsSingle(y.DType, f.Kind.ToString()))
            Launch(ElementWiseKernels.Pointwise<float, F32>, y.Numel, Dense<float>(x, "Pointwise"), Dense<float>(y, "Pointwise"), (int)f.Kind, f.A, f.B);
        else
            Launch(ElementWiseKernels.Pointwise<double, F64>, y.Numel, Dense<double>(x, "Pointwise"), Dense<double>(y, "Pointwise"), (int)f.Kind, f.A, f.B);
    }

    /// <inheritdoc/>
    public void PointwiseBackward(PointwiseFunction f, StorageView x, StorageView y, StorageView gy, StorageView gx)
    {
        const string op = "PointwiseBackward";
        if (IsSingle(gx.DType, op))
            Launch(ElementWiseKernels.PointwiseBackward<float, F32>, gx.Numel, Dense<float>(x, op), Dense<float>(y, op), Dense<float>(gy, op),
                Dense<float>(gx, op), (int)f.Kind, f.A, f.B);
        else
            Launch(ElementWiseKernels.PointwiseBackward<double, F64>, gx.Numel, Dense<double>(x, op), Dense<double>(y, op), Dense<double>(gy, op),
                Dense<double>(gx, op), (int)f.Kind, f.A, f.B);
    }

    /// <inheritdoc/>
    public void ActivationBackward(Activation activation, StorageView y, StorageView gy, StorageView gx)
    {
        const string op = "ActivationBackward";
        if (IsSingle(gx.DType, op))
            Launch(ElementWiseKernels.ActivationBackward<float, F32>, gx.Numel, Dense<float>(y, op), Dense<float>(gy, op), Dense<float>(gx, op), (int)activation);
        else
            Launch(ElementWiseKernels.ActivationBackward<double, F64>, gx.Numel, Dense<double>(y, op), Dense<double>(gy, op), Dense<double>(gx, op), (int)activation);
    }

    /// <inheritdoc/>
    public void PointwiseLoss(PointwiseLossKind loss, StorageView a, StorageView b, StorageView y)
    {
        const string op = "PointwiseLoss";
        if (IsSingle(y.DType, op))
            Launch(ElementWiseKernels.PointwiseLoss<float, F32>, y.Numel, Dense<float>(a, op), Dense<float>(b, op), Dense<float>(y, op), (int)loss);
        else
            Launch(ElementWiseKernels.PointwiseLoss<double, F64>, y.Numel, Dense<double>(a, op), Dense<double>(b, op), Dense<double>(y, op), (int)loss);
    }

    /// <inheritdoc/>
    public void PointwiseLossBackward(PointwiseLossKind loss, StorageView a, StorageView b, StorageView gy, StorageView? ga, StorageView? gb)
    {
        const string op = "PointwiseLossBackward";
        bool single = IsSingle(gy.DType, op);
        foreach (var (target, wrtB) in new[] { (ga, 0), (gb, 1) })
        {
            if (target is not { } d) continue;
            if (single)
                Launch(ElementWiseKernels.PointwiseLossBackward<float, F32>, d.Numel, Dense<float>(a, op), Dense<float>(b, op), Dense<float>(gy, op),
                    Dense<float>(d, op), (int)loss, wrtB);
            else
                Launch(ElementWiseKernels.PointwiseLossBackward<double, F64>, d.Numel, Dense<double>(a, op), Dense<double>(b, op), Dense<double>(gy, op),
                    Dense<double>(d, op), (int)loss, wrtB);
        }
    }
}
