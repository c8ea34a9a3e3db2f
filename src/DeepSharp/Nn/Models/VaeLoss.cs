using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>The terms of a <see cref="VariationalAutoencoder"/>'s negative ELBO, each a scalar
/// averaged over the batch: <see cref="Total"/> = <see cref="Reconstruction"/> + β·<see cref="Kl"/>.</summary>
/// <param name="Total">−ELBO per example (what training minimizes); differentiable.</param>
/// <param name="Reconstruction">E_q[−log p(x | z)] estimated with one z per example (nats).</param>
/// <param name="Kl">KL(q(z | x) ‖ N(0, I)) in closed form (nats).</param>
public sealed record VaeLoss(Tensor Total, Tensor Reconstruction, Tensor Kl);
