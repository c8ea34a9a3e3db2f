using DeepSharp.Backends;

namespace DeepSharp.Tensors;

/// <summary>The optimizer updates as backend calls on a parameter, its gradient and its state
/// tensors (all Float32, contiguous, on one device). These are the sanctioned in-place writes to
/// leaves: each bumps the versions of what it writes, so a graph that saved a parameter before the
/// step refuses to run backward with the updated values.</summary>
internal static class OptimizerCompute
{
    public static void Sgd(Tensor p, Tensor g, Tensor? momentum, in SgdHyperparameters h, bool firstStep)
    {
        Check(p, g);
        Touch(p, momentum);
        p.Backend.SgdStep(p.BackendView, g.BackendView, momentum?.BackendView, h, firstStep);
    }

    public static void Adam(Tensor p, Tensor g, Tensor expAvg, Tensor expAvgSq, in AdamHyperparameters h, int step)
    {
        Check(p, g);
        Touch(p, expAvg);
        Touch(p, expAvgSq);
        p.Backend.AdamStep(p.BackendView, g.BackendView, expAvg.BackendView, expAvgSq.BackendView, h, step);
    }

    public static void RmsProp(Tensor p, Tensor g, Tensor squareAvg, Tensor? gradAvg, Tensor? momentum, in RmsPropHyperparameters h)
    {
        Check(p, g);
        Touch(p, squareAvg);
        Touch(p, gradAvg);
        Touch(p, momentum);
        p.Backend.RmsPropStep(p.BackendView, g.BackendView, squareAvg.BackendView, gradAvg?.BackendView, momentum?.BackendView, h);
    }

    public static void AdaGrad(Tensor p, Tensor g, Tensor sum, in AdaGradHyperparameters h, int step)
    {
        Check(p, g);
        Touch(p, sum);
        p.Backend.AdaGradStep(p.BackendView, g.BackendView, sum.BackendView, h, step);
    }

    private static void Check(Tensor p, Tensor g)
    {
        Devices.Same(p, g, "Optimizer step");
        if (!p.IsContiguous || !g.IsContiguous || p.DType != DType.Float32 || g.DType != DType.Float32 || g.Numel != p.Numel)
            throw new InvalidOperationException(
                $"Optimizer step: expected a contiguous Float32 parameter and gradient of one shape, got {p.DType} {Shapes.Format(p.Shape)} and {g.DType} {Shapes.Format(g.Shape)}.");
        p._storage.Version++;
    }

    /// <summary>A state tensor about to be written: same device, version bumped.</summary>
    private static void Touch(Tensor p, Tensor? state)
    {
        if (state is null) return;
        Devices.Same(p, state, "Optimizer step");
        state._storage.Version++;
    }
}
