namespace DeepSharp.Backends;

/// <summary>
/// The one seam between the engine core and the hardware: storage on a device and the operations
/// on it. The core (tensors, autograd rules) computes shapes, broadcasting and gradients and then
/// calls exactly these methods; a new backend implements them and touches nothing else.
/// </summary>
/// <remarks>
/// Conventions, for every method:
/// <list type="bullet">
/// <item>Inputs are <see cref="StorageView"/>s of this backend's storage, any strides (0 for a
/// broadcast dimension); inputs of an element-wise op already have the output's shape.</item>
/// <item>Outputs (<c>dst</c>, <c>y</c>, <c>g*</c>) are contiguous views the core allocated with
/// <see cref="Allocate"/>, unless the method says it writes a strided view; they never alias an
/// input except where the method allows it.</item>
/// <item>Floating-point ops take Float32 or Float64 with all operands of one dtype; index and
/// class-label operands are Int32.</item>
/// <item>Results may not depend on the number of threads; <see cref="Synchronize"/> waits for
/// queued work (a no-op on the host backends).</item>
/// </list>
/// Shapes are written as in PyTorch: x (N, C, H, W). Gradients are named g* (gy = dL/dy).
/// </remarks>
public interface IBackend
{
    /// <summary>The device this backend computes on.</summary>
    Device Device { get; }

    // ---- storage -------------------------------------------------------------------------

    /// <summary>Uninitialized storage of <paramref name="length"/> elements.</summary>
    Storage Allocate(DType dtype, int length);

    /// <summary>Copies host elements into <paramref name="dst"/> from element <paramref name="offset"/> on.</summary>
    void CopyFromHost<T>(ReadOnlySpan<T> src, Storage dst, int offset) where T : unmanaged;

    /// <summary>Copies the elements of <paramref name="src"/> (any layout) to host memory in row-major order.</summary>
    void CopyToHost<T>(StorageView src, Span<T> dst) where T : unmanaged;

    /// <summary>dst = src element by element, converting the dtype when they differ (truncating
    /// toward zero into Int32); <paramref name="dst"/> may be strided (a view being written).</summary>
    void Copy(StorageView src, StorageView dst);

    /// <summary>Sets every element of <paramref name="dst"/> (which may be strided) to <paramref name="value"/>.</summary>
    void Fill(StorageView dst, double value);

    /// <summary>Waits until queued work on this device has finished.</summary>
    void Synchronize();

    // ---- element-wise --------------------------------------------------------------------

    /// <summary>dst = op(x).</summary>
    void Unary(UnaryOp op, StorageView x, StorageView dst);

    /// <summary>dst = op(a, b); <paramref name="dst"/> may be <paramref name="a"/> itself (in-place add).</summary>
    void Binary(BinaryOp op, StorageView a, StorageView b, StorageView dst);

    /// <summary>dst = (a op b) ? 1 : 0, with a and b of one dtype (Int32 allowed) and dst floating point.</summary>
    void Compare(ComparisonOp op, StorageView a, StorageView b, StorageView dst);

    /// <summary>dst = condition != 0 ? a : b; the condition may have any dtype.</summary>
    void Where(StorageView condition, StorageView a, StorageView b, StorageView dst);

    /// <summary>y = f(x) for a parameterized activation.</summary>
    void Pointwise(PointwiseFunction f, StorageView x, StorageView y);

    /// <summary>gx = gy · f'(x), given y = f(x).</summary>
    void PointwiseBackward(PointwiseFunction f, StorageView x, StorageView y, StorageView gy, StorageView gx);

    /// <summary>gx = gy · act'(y) for a fused activation, written with its output y
    /// (relu' = [y &gt; 0], tanh' = 1 - y², sigmoid' = y (1 - y)).</summary>
    void ActivationBackward(Activation activation, StorageView y, StorageView gy, StorageView gx);

    /// <summary>y = l(a, b) element-wise for a two-argument loss.</summary>
    void PointwiseLoss(PointwiseLossKind loss, StorageView a, StorageView b, StorageView y);

    /// <summary>ga = gy · ∂l/∂a and gb = gy · ∂l/∂b; either output may be null (not needed).</summary>
    void PointwiseLossBackward(PointwiseLossKind loss, StorageView a, StorageView b, StorageView gy, StorageView? ga, StorageView? gb);

    // ---- reductions ----------------------------------------------------------------------

    /// <summary>x, a contiguous (outer, size, inner) block, reduced over the middle axis into dst (outer, inner).</summary>
    void Reduce(ReduceOp op, StorageView x, AxisBlock block, StorageView dst);

    /// <summary>Index (Int32) of the first largest (or smallest) element of each row of x (rows, length), contiguous.</summary>
    void ArgReduce(bool max, StorageView x, int rows, int length, StorageView dst);

    // ---- linear algebra ------------------------------------------------------------------

    /// <summary>c = a · b over the last two dimensions: a (..., n, k), b (..., k, m) with the batch
    /// dimensions already broadcast to c's (stride 0 where repeated), c (..., n, m) contiguous.
    /// The last two dimensions of a and b may be row-major or transposed.</summary>
    void MatMul(StorageView a, StorageView b, StorageView c);

    /// <summary>y = act(x · wᵀ + bias): x (N, in), w (out, in), bias (out) or null, y (N, out); all contiguous.</summary>
    void Linear(StorageView x, StorageView w, StorageView? bias, Activation activation, StorageView y);

    // ---- convolution and pooling ---------------------------------------------------------

    /// <summary>y = act(conv(x, w) + bias): x (N, C, H, W), w (K, C/groups, KH, KW), bias (K) or null, y (N, K, OH, OW).</summary>
    void Conv2d(in Conv2dGeometry g, StorageView x, StorageView w, StorageView? bias, Activation activation, StorageView y);

    /// <summary>gx = dL/dx of a convolution from gy (N, K, OH, OW) and w.</summary>
    void Conv2dBackwardInput(in Conv2dGeometry g, StorageView gy, StorageView w, StorageView gx);

    /// <summary>gw = dL/dw and gb = dL/dbias (null when there is no bias) from x and gy.</summary>
    void Conv2dBackwardWeight(in Conv2dGeometry g, StorageView x, StorageView gy, StorageView gw, StorageView? gb);

    /// <summary>Max pooling y (N, C, OH, OW) of x (N, C, H, W); padding never wins.</summary>
    void MaxPool2d(in Pool2dGeometry g, StorageView x, StorageView y);

    /// <summary>gx: gy routed to the first maximum of each window.</summary>
    void MaxPool2dBackward(in Pool2dGeometry g, StorageView x, StorageView y, StorageView gy, StorageView gx);

    /// <summary>Average pooling; the divisor is the whole window, or only the covered input elements.</summary>
    void AvgPool2d(in Pool2dGeometry g, StorageView x, StorageView y, bool countIncludePad);

    /// <summary>gx: each gy spread evenly over its window.</summary>
    void AvgPool2dBackward(in Pool2dGeometry g, StorageView gy, StorageView gx, bool countIncludePad);

    /// <summary>Adaptive average pooling of each plane to (OH, OW), PyTorch's window rule.</summary>
    void AdaptiveAvgPool2d(in AdaptivePool2dGeometry g, StorageView x, StorageView y);

    /// <summary>gx of <see cref="AdaptiveAvgPool2d"/>.</summary>
    void AdaptiveAvgPool2dBackward(in AdaptivePool2dGeometry g, StorageView gy, StorageView gx);

    // ---- softmax and cross-entropy -------------------------------------------------------

    /// <summary>Softmax (or log-softmax) of a contiguous (outer, size, inner) block along the middle axis, max-shifted.</summary>
    void Softmax(StorageView x, AxisBlock block, bool log, StorageView y);

    /// <summary>gx from the output y and gy: softmax y (gy - Σ gy y); log-softmax gy - e^y Σ gy.</summary>
    void SoftmaxBackward(StorageView y, StorageView gy, AxisBlock block, bool log, StorageView gx);

    /// <summary>Per-row cross-entropy of logits (N, C) against Int32 targets (N) with label smoothing ε:
    /// probabilities (N, C) = softmax, losses (N) = (1 - ε)(lse - x_t) + ε (lse - mean x).</summary>
    void CrossEntropy(StorageView logits, StorageView targets, double smoothing, StorageView probabilities, StorageView losses);

    /// <summary>gx (N, C) = rowGrad_n (p - (1 - ε)·onehot(t) - ε / C).</summary>
    void CrossEntropyBackward(StorageView probabilities, StorageView targets, StorageView rowGrad, double smoothing, StorageView gx);

    // ---- indexing ------------------------------------------------------------------------

    /// <summary>dst (outer, index.Length, inner) = x (outer, size, inner) at the Int32 indices along the middle axis.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, size).</exception>
    void IndexSelect(StorageView x, AxisBlock block, StorageView index, StorageView dst);

    /// <summary>gx (outer, size, inner) += src (outer, index.Length, inner) at the indices (repeated indices add up).</summary>
    void IndexAdd(StorageView src, AxisBlock block, StorageView index, StorageView gx);

    /// <summary>dst (outer, k, inner)[o, j, i] = x (outer, size, inner)[o, index[o, j, i], i].</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, size).</exception>
    void Gather(StorageView x, AxisBlock block, StorageView index, StorageView dst);

    /// <summary>gx[o, index[o, j, i], i] += src[o, j, i]: the backward of <see cref="Gather"/>.</summary>
    void ScatterAdd(StorageView src, AxisBlock block, StorageView index, StorageView gx);

    // ---- optimizer updates (in place, Float32) -------------------------------------------

    /// <summary>SGD with momentum, dampening, Nesterov and L2 weight decay (PyTorch's rule);
    /// <paramref name="momentumBuffer"/> is null when momentum is 0.</summary>
    void SgdStep(StorageView param, StorageView grad, StorageView? momentumBuffer, in SgdHyperparameters h, bool firstStep);

    /// <summary>Adam / AdamW at step t (1-based) with bias corrections.</summary>
    void AdamStep(StorageView param, StorageView grad, StorageView expAvg, StorageView expAvgSq, in AdamHyperparameters h, int step);

    /// <summary>RMSprop; <paramref name="gradAvg"/> only when centered, <paramref name="momentumBuffer"/> only with momentum.</summary>
    void RmsPropStep(StorageView param, StorageView grad, StorageView squareAvg, StorageView? gradAvg, StorageView? momentumBuffer, in RmsPropHyperparameters h);

    /// <summary>AdaGrad at step t (1-based).</summary>
    void AdaGradStep(StorageView param, StorageView grad, StorageView sum, in AdaGradHyperparameters h, int step);

    // ---- random --------------------------------------------------------------------------

    /// <summary>Uniform samples in [low, high) drawn from <paramref name="rng"/>.</summary>
    void Uniform(StorageView dst, double low, double high, IRandomSource rng);

    /// <summary>Normal samples with the given mean and standard deviation.</summary>
    void Normal(StorageView dst, double mean, double std, IRandomSource rng);

    /// <summary>dst = (u ≥ p) ? scale : 0 with u uniform in [0, 1): an inverted-dropout mask.</summary>
    void BernoulliMask(StorageView dst, double p, double scale, IRandomSource rng);
}
