namespace DeepSharp.Data;

/// <summary>Which part of an MNIST-style dataset to load.</summary>
public enum FashionMnistSplit
{
    /// <summary>The training set (files train-*; 60,000 images for Fashion-MNIST).</summary>
    Train,

    /// <summary>The test set (files t10k-*; 10,000 images for Fashion-MNIST).</summary>
    Test,
}
