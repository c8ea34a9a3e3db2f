namespace DeepSharp.Nn;

/// <summary>Which activations and subsampling <see cref="Models.LeNet5"/> uses.</summary>
public enum LeNetVariant
{
    /// <summary>As in LeCun et al. (1998), simplified: tanh activations and 2x2 average pooling
    /// (the paper's subsampling also had a learned scale and bias per map, left out here).</summary>
    Classic,

    /// <summary>ReLU activations and 2x2 max pooling: the common modern reading, and the layout of
    /// the PyTorch reference run.</summary>
    Modern,
}
