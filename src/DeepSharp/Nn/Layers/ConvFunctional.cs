using DeepSharp.Autograd;
using DeepSharp.Backends;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// The functional forms of the convolution and pooling layers. Each is one differentiable
/// primitive of the core (its gradient rule in Autograd): these functions check the arguments,
/// build the geometry and call it; Float32, or Float64 for gradient checks.
/// </summary>
public static class ConvFunctional
{
    /// <summary>2-D convolution (cross-correlation, as in every framework) over NCHW data.</summary>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="weight">(K, C/groups, KH, KW).</param>
    /// <param name="bias">(K), or null.</param>
    /// <param name="stride">Default 1.</param>
    /// <param name="padding">Zeros on each side; default 0.</param>
    /// <param name="dilation">Default 1.</param>
    /// <param name="groups">Default 1.</param>
    /// <param name="activation">Applied to the output in the same primitive (each image while it is in
    /// cache; the backward folds in its derivative): the same values as a separate activation layer.</param>
    /// <returns>(N, K, OH, OW), OH = (H + 2·PH - DH·(KH - 1) - 1) / SH + 1.</returns>
    /// <exception cref="ShapeMismatchException">The input is not (N, C, H, W), the bias is not (K), or the
    /// padded input is smaller than the dilated kernel; the message names the layer and the shapes.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, Size2d? stride = null,
        Size2d? padding = null, Size2d? dilation = null, int groups = 1, Activation activation = Activation.None)
    {
        var geo = Conv2dGeometryOf(input, weight, bias, stride ?? 1, padding ?? 0, dilation ?? 1, groups);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"Conv2d supports Float32 and Float64 tensors, got {input.DType}.", nameof(input));
        return ConvolutionRules.Conv2d(geo, input, weight, bias, activation);
    }

    /// <summary>1-D convolution over (N, C, L) data: a <see cref="Conv2d"/> of height 1.</summary>
    /// <param name="input">(N, C, L).</param>
    /// <param name="weight">(K, C/groups, KL).</param>
    /// <param name="bias">(K), or null.</param>
    /// <param name="stride">Default 1.</param>
    /// <param name="padding">Zeros on each side; default 0.</param>
    /// <param name="dilation">Default 1.</param>
    /// <param name="groups">Default 1.</param>
    /// <returns>(N, K, OL).</returns>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1)
    {
        if (weight.Rank != 3)
            throw new ShapeMismatchException($"Conv1d: the weight must be (K, C/groups, KL), got {Shapes.Format(weight.Shape)}.");
        string label = $"Conv1d({weight.Shape[1] * groups} -> {weight.Shape[0]}, {weight.Shape[2]})";
        if (input.Rank != 3 || input.Shape[1] != weight.Shape[1] * groups)
            throw new ShapeMismatchException($"{label} expected (N, {weight.Shape[1] * groups}, L), got {Shapes.Format(input.Shape)}");
        var y = Conv2d(input.Unsqueeze(2), weight.Unsqueeze(2), bias, (1, stride), (0, padding), (1, dilation), groups);
        return y.Squeeze(2);
    }

    /// <summary>Max pooling over windows of NCHW data.</summary>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="kernelSize">Window size.</param>
    /// <param name="stride">Default: the kernel size.</param>
    /// <param name="padding">Implicit padding (never the maximum), at most half the kernel; default 0.</param>
    /// <returns>(N, C, OH, OW), OH = (H + 2·PH - KH) / SH + 1.</returns>
    public static Tensor MaxPool2d(Tensor input, Size2d kernelSize, Size2d? stride = null, Size2d? padding = null)
    {
        var geo = PoolGeometryOf("MaxPool2d", input, kernelSize, stride ?? kernelSize, padding ?? 0);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"MaxPool2d supports Float32 and Float64 tensors, got {input.DType}.", nameof(input));
        return PoolingRules.MaxPool2d(geo, input);
    }

    /// <summary>Average pooling over windows of NCHW data (LeNet's subsampling).</summary>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="kernelSize">Window size.</param>
    /// <param name="stride">Default: the kernel size.</param>
    /// <param name="padding">Implicit zero padding, at most half the kernel; default 0.</param>
    /// <param name="countIncludePad">Divide by the whole window including padding (PyTorch's default), or by the covered input elements.</param>
    /// <returns>(N, C, OH, OW).</returns>
    public static Tensor AvgPool2d(Tensor input, Size2d kernelSize, Size2d? stride = null, Size2d? padding = null, bool countIncludePad = true)
    {
        var geo = PoolGeometryOf("AvgPool2d", input, kernelSize, stride ?? kernelSize, padding ?? 0);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"AvgPool2d supports Float32 and Float64 tensors, got {input.DType}.", nameof(input));
        return PoolingRules.AvgPool2d(geo, input, countIncludePad);
    }

    /// <summary>Average pooling to a fixed output size; output (i, j) averages input rows
    /// [⌊i·H/OH⌋, ⌈(i+1)·H/OH⌉) and the matching columns, as in PyTorch.</summary>
    /// <param name="input">(N, C, H, W).</param>
    /// <param name="outputSize">OH x OW.</param>
    /// <returns>(N, C, OH, OW).</returns>
    public static Tensor AdaptiveAvgPool2d(Tensor input, Size2d outputSize)
    {
        if (outputSize.Height <= 0 || outputSize.Width <= 0)
            throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "AdaptiveAvgPool2d: the output size must be positive.");
        if (input.Rank != 4 || input.Shape[2] == 0 || input.Shape[3] == 0)
            throw new ShapeMismatchException($"AdaptiveAvgPool2d({outputSize}) expected (N, C, H, W) with H, W > 0, got {Shapes.Format(input.Shape)}");
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"AdaptiveAvgPool2d supports Float32 and Float64 tensors, got {input.DType}.", nameof(input));
        return PoolingRules.AdaptiveAvgPool2d(
            new AdaptivePool2dGeometry(input.Shape[0] * input.Shape[1], input.Shape[2], input.Shape[3], outputSize.Height, outputSize.Width), input);
    }

    /// <summary>Flattens dimensions <paramref name="startDim"/>..<paramref name="endDim"/> (default: all but the batch).</summary>
    /// <param name="input">Any tensor with more than <paramref name="startDim"/> dimensions.</param>
    /// <param name="startDim">First dimension merged; default 1.</param>
    /// <param name="endDim">Last dimension merged; default -1 (the last).</param>
    public static Tensor Flatten(Tensor input, int startDim = 1, int endDim = -1)
    {
        int s = startDim < 0 ? startDim + input.Rank : startDim, e = endDim < 0 ? endDim + input.Rank : endDim;
        string label = $"Flatten(startDim {startDim}, endDim {endDim})";
        if (s < 0 || s >= input.Rank || e < 0 || e >= input.Rank)
        {
            int needed = Math.Max(startDim < 0 ? -startDim : startDim + 1, endDim < 0 ? -endDim : endDim + 1);
            throw new ShapeMismatchException($"{label} expected at least {needed} dimensions, got {Shapes.Format(input.Shape)}");
        }
        if (s > e)
            throw new ShapeMismatchException($"{label}: the start dimension comes after the end dimension for {Shapes.Format(input.Shape)}");
        return input.Flatten(s, e);
    }

    /// <summary>The output (height, width) of a convolution or pooling window over an input of <paramref name="input"/> size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The dilated kernel is larger than the padded input.</exception>
    public static Size2d OutputSize(Size2d input, Size2d kernelSize, Size2d stride, Size2d padding, Size2d? dilation = null)
    {
        var d = dilation ?? 1;
        return new(Conv2dGeometry.OutputLength(input.Height, kernelSize.Height, stride.Height, padding.Height, d.Height),
            Conv2dGeometry.OutputLength(input.Width, kernelSize.Width, stride.Width, padding.Width, d.Width));
    }

    private static Conv2dGeometry Conv2dGeometryOf(Tensor input, Tensor weight, Tensor? bias, Size2d stride, Size2d padding, Size2d dilation, int groups)
    {
        if (groups <= 0) throw new ArgumentOutOfRangeException(nameof(groups), groups, "Conv2d: groups must be positive.");
        if (weight.Rank != 4)
            throw new ShapeMismatchException($"Conv2d: the weight must be (K, C/groups, KH, KW), got {Shapes.Format(weight.Shape)}.");
        int k = weight.Shape[0], c = weight.Shape[1] * groups, kh = weight.Shape[2], kw = weight.Shape[3];
        string label = $"Conv2d({c} -> {k}, {kh}x{kw})";
        if (k % groups != 0)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"{label}: groups {groups} must divide the {k} output channels.");
        if (input.Rank != 4 || input.Shape[1] != c)
            throw new ShapeMismatchException($"{label} expected (N, {c}, H, W), got {Shapes.Format(input.Shape)}");
        if (input.DType != weight.DType)
            throw new ArgumentException($"{label}: the input is {input.DType} but the weight is {weight.DType}.", nameof(input));
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != k || bias.DType != weight.DType))
            throw new ShapeMismatchException($"{label} expected a {weight.DType} bias ({k},), got {bias.DType} {Shapes.Format(bias.Shape)}.");
        if (stride.Height <= 0 || stride.Width <= 0) throw new ArgumentOutOfRangeException(nameof(stride), stride, $"{label}: the stride must be positive.");
        if (padding.Height < 0 || padding.Width < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, $"{label}: the padding must be non-negative.");
        if (dilation.Height <= 0 || dilation.Width <= 0) throw new ArgumentOutOfRangeException(nameof(dilation), dilation, $"{label}: the dilation must be positive.");
        int h = input.Shape[2], w = input.Shape[3];
        // In longs: sizes from a model file may be large enough to overflow an int here.
        long extentH = (long)dilation.Height * (kh - 1) + 1, extentW = (long)dilation.Width * (kw - 1) + 1;
        long paddedH = h + 2L * padding.Height, paddedW = w + 2L * padding.Width;
        if (extentH > paddedH || extentW > paddedW)
            throw new ShapeMismatchException(
                $"{label} with padding {padding.Pair} and dilation {dilation.Pair}: the kernel spans {extentH}x{extentW} but the padded input is " +
                $"{paddedH}x{paddedW} (input {Shapes.Format(input.Shape)}).");
        return new Conv2dGeometry(input.Shape[0], c, h, w, k, kh, kw, stride.Height, stride.Width,
            padding.Height, padding.Width, dilation.Height, dilation.Width, groups);
    }

    private static Pool2dGeometry PoolGeometryOf(string name, Tensor input, Size2d kernel, Size2d stride, Size2d padding)
    {
        string label = $"{name}({kernel})";
        if (kernel.Height <= 0 || kernel.Width <= 0) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"{label}: the kernel size must be positive.");
        if (stride.Height <= 0 || stride.Width <= 0) throw new ArgumentOutOfRangeException(nameof(stride), stride, $"{label}: the stride must be positive.");
        if (padding.Height < 0 || padding.Width < 0 || 2L * padding.Height > kernel.Height || 2L * padding.Width > kernel.Width)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, $"{label}: the padding must be between 0 and half the kernel size.");
        if (input.Rank != 4)
            throw new ShapeMismatchException($"{label} expected (N, C, H, W), got {Shapes.Format(input.Shape)}");
        int h = input.Shape[2], w = input.Shape[3];
        long paddedH = h + 2L * padding.Height, paddedW = w + 2L * padding.Width;
        if (kernel.Height > paddedH || kernel.Width > paddedW)
            throw new ShapeMismatchException(
                $"{label} with padding {padding.Pair}: the window is larger than the padded input {paddedH}x{paddedW} (input {Shapes.Format(input.Shape)}).");
        return new Pool2dGeometry(input.Shape[0], input.Shape[1], h, w, kernel.Height, kernel.Width,
            stride.Height, stride.Width, padding.Height, padding.Width);
    }
}
