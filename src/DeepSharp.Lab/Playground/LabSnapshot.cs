namespace DeepSharp.Lab.Playground;

/// <summary>Everything the page needs to draw a session from scratch; frames then update it.</summary>
/// <param name="Id">The session id.</param>
/// <param name="Config">The settings in force.</param>
/// <param name="Layout">Names and sizes of the layers.</param>
/// <param name="Data">The points and their split.</param>
/// <param name="FeatureMaps">Each input feature on the neuron grid (they never change).</param>
/// <param name="History">The loss curves so far.</param>
/// <param name="Frame">The current picture.</param>
public sealed record LabSnapshot(string Id, LabConfig Config, LabLayout Layout, LabPoints Data, NeuronMap[] FeatureMaps,
    IReadOnlyList<LossPoint> History, LabFrame Frame);

/// <summary>How the network is drawn.</summary>
/// <param name="Features">Names of the input features.</param>
/// <param name="Layers">Hidden layers then the output.</param>
/// <param name="ActivationFormula">φ and φ' of the hidden activation, as text.</param>
/// <param name="Extent">The plots cover [-Extent, Extent]².</param>
/// <param name="BoundarySize">Cells per side of the boundary.</param>
/// <param name="NeuronSize">Cells per side of a neuron map.</param>
public sealed record LabLayout(string[] Features, LayoutLayer[] Layers, string ActivationFormula, double Extent, int BoundarySize, int NeuronSize);

/// <summary>One drawn layer.</summary>
/// <param name="Units">Neurons.</param>
/// <param name="Pieces">Weight rows per neuron.</param>
/// <param name="Names">The neurons' letters (A, B, C, ...), counted across the layers as the lectures do.</param>
/// <param name="Activation">Activation name (the output's is "sigmoid").</param>
public sealed record LayoutLayer(int Units, int Pieces, string[] Names, string Activation);

/// <summary>The points: coordinates, labels and which are for training.</summary>
/// <param name="X">x1 of each point.</param>
/// <param name="Y">x2 of each point.</param>
/// <param name="Label">Class 0 or 1.</param>
/// <param name="Train">Indices of the training points.</param>
/// <param name="Test">Indices of the test points.</param>
public sealed record LabPoints(float[] X, float[] Y, int[] Label, int[] Train, int[] Test);
