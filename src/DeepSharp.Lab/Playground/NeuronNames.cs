namespace DeepSharp.Lab.Playground;

/// <summary>The lectures' neuron letters: A, B, C, ... counted across layers; after Z come AA, AB, ...</summary>
public static class NeuronNames
{
    /// <summary>The letters of the neurons of each layer.</summary>
    public static string[][] For(IEnumerable<int> unitsPerLayer)
    {
        int next = 0;
        return [.. unitsPerLayer.Select(units => Enumerable.Range(0, units).Select(_ => Letter(next++)).ToArray())];
    }

    /// <summary>The name of neuron number <paramref name="index"/> (from 0).</summary>
    public static string Letter(int index)
    {
        string name = "";
        for (int i = index; ; i = i / 26 - 1)
        {
            name = (char)('A' + i % 26) + name;
            if (i < 26) return name;
        }
    }
}
