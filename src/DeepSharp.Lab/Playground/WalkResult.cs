namespace DeepSharp.Lab.Playground;

/// <summary>
/// The backprop walk of one sample, as the lectures draw it: every neuron's output going forward,
/// the output delta, each hidden delta δ_j = φ'(z_j) Σ_k w_kj δ_k going back, and every weight's
/// gradient δ_j · o_i and update −η δ_j o_i.
/// </summary>
/// <param name="Sample">The sample walked.</param>
/// <param name="Loss">Its loss (the data term, without penalty).</param>
/// <param name="LossKind">cross-entropy or squared-error.</param>
/// <param name="LearningRate">η of the updates shown.</param>
/// <param name="ActivationFormula">φ and φ' of the hidden neurons.</param>
/// <param name="Layers">The input layer (features), the hidden layers, the output layer.</param>
public sealed record WalkResult(WalkSample Sample, double Loss, string LossKind, double LearningRate, string ActivationFormula, WalkLayer[] Layers);

/// <summary>The sample of a walk.</summary>
/// <param name="Split">train or test.</param>
/// <param name="Index">Index of the point in the session's data.</param>
/// <param name="X1">First coordinate.</param>
/// <param name="X2">Second coordinate.</param>
/// <param name="Label">Target t (0 or 1).</param>
public sealed record WalkSample(string Split, int Index, float X1, float X2, int Label);

/// <summary>One layer of the walk.</summary>
/// <param name="Kind">input, hidden or output.</param>
/// <param name="Neurons">Its neurons.</param>
/// <param name="Incoming">The connections into it (null for the input layer).</param>
public sealed record WalkLayer(string Kind, WalkNeuron[] Neurons, WalkConnections? Incoming);

/// <summary>One neuron of the walk. Everything but the names comes from the library's forward and backward passes.</summary>
/// <param name="Name">Feature name or the neuron's letter.</param>
/// <param name="Output">o = φ(z) (the feature value for inputs, σ(z) for the output).</param>
/// <param name="Z">Pre-activation z (the winning piece's for maxout); null for inputs.</param>
/// <param name="BackSum">∂L/∂o: for a hidden neuron Σ_k w_kj δ_k over the next layer; for the output with squared error o − t; else null.</param>
/// <param name="Derivative">φ'(z) (σ'(z) for the squared-error output; 1 for a maxout winner); null where not used.</param>
/// <param name="Delta">δ = ∂L/∂z; null for inputs.</param>
/// <param name="Piece">For maxout, which piece won.</param>
public sealed record WalkNeuron(string Name, float Output, float? Z, float? BackSum, float? Derivative, float? Delta, int? Piece);

/// <summary>The connections into a layer: weight row r belongs to neuron r / Pieces.</summary>
/// <param name="Inputs">The outputs o_i of the layer before.</param>
/// <param name="RowDeltas">δ of each weight row (per piece for maxout).</param>
/// <param name="Weight">w[r][i].</param>
/// <param name="Gradient">∂L/∂w[r][i] = δ_r · o_i.</param>
/// <param name="Update">−η · δ_r · o_i, what plain gradient descent on this sample adds.</param>
/// <param name="BiasGradient">∂L/∂b[r] = δ_r.</param>
/// <param name="Pieces">Rows per neuron.</param>
public sealed record WalkConnections(float[] Inputs, float[] RowDeltas, float[][] Weight, float[][] Gradient, float[][] Update,
    float[] BiasGradient, int Pieces);
