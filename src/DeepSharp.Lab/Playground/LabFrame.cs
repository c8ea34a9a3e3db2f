namespace DeepSharp.Lab.Playground;

/// <summary>One streamed picture of a training session.</summary>
/// <param name="Step">Updates applied so far.</param>
/// <param name="Epoch">Passes over the training points so far.</param>
/// <param name="TrainLoss">Mean data loss on the training points.</param>
/// <param name="TestLoss">Mean data loss on the test points.</param>
/// <param name="TrainAccuracy">Share of training points on the right side of the boundary.</param>
/// <param name="TestAccuracy">Share of test points on the right side of the boundary.</param>
/// <param name="Playing">Whether the session is training on its own.</param>
/// <param name="Boundary">P(class 1) on the <see cref="PlotGrid.BoundarySize"/>² grid (<see cref="PlotGrid.EncodeUnit"/>).</param>
/// <param name="Neurons">Per layer (hidden layers, then the output), each neuron's output on the <see cref="PlotGrid.NeuronSize"/>² grid.</param>
/// <param name="Weights">Per layer, the weights and biases the edges are drawn from.</param>
public sealed record LabFrame(
    int Step, double Epoch, double TrainLoss, double TestLoss, double TrainAccuracy, double TestAccuracy, bool Playing,
    string Boundary, IReadOnlyList<NeuronMap[]> Neurons, IReadOnlyList<LayerWeights> Weights);

/// <summary>A heat map of signed values (<see cref="PlotGrid.EncodeSigned"/>).</summary>
/// <param name="Data">The base64 bytes.</param>
/// <param name="Scale">The largest magnitude, which byte 255 stands for.</param>
public sealed record NeuronMap(string Data, float Scale);

/// <summary>The parameters of one layer: rows of <paramref name="W"/> are (neuron, piece) pairs, <paramref name="Pieces"/> rows per neuron.</summary>
/// <param name="W">Weight rows (Units · Pieces) of Inputs values.</param>
/// <param name="B">Biases (Units · Pieces).</param>
/// <param name="Pieces">Rows per neuron (2 for maxout, else 1).</param>
public sealed record LayerWeights(float[][] W, float[] B, int Pieces);

/// <summary>A point of the loss curves.</summary>
/// <param name="Step">Updates applied.</param>
/// <param name="TrainLoss">Training loss then.</param>
/// <param name="TestLoss">Test loss then.</param>
public sealed record LossPoint(int Step, double TrainLoss, double TestLoss);
