namespace DeepSharp.Cli.Datasets;

/// <summary>What the samples of a <see cref="NamedDataset"/> are, which decides the plots that suit it.</summary>
internal enum DatasetKind
{
    /// <summary>Points in the plane (two features): decision-boundary plots apply.</summary>
    Points2D,

    /// <summary>Grayscale images: image grids apply.</summary>
    Images,

    /// <summary>Rows of a table with any number of features.</summary>
    Table,
}
