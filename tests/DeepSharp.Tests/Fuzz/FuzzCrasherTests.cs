using DeepSharp.Data;
using DeepSharp.Serialization;
using DeepSharp.Training;

namespace DeepSharp.Tests.Fuzz;

/// <summary>
/// Every input a fuzz run found with an unexpected outcome is kept under Fuzz/Crashers/&lt;format&gt;
/// (json, csv, idx, safetensors, checkpoint) and replayed here through the library loader of its
/// format: it must load or raise that loader's documented exception. (HostileCorpusTests replays the
/// same files through the command line.)
/// </summary>
public sealed class FuzzCrasherTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fuzz", "Crashers");

    public static TheoryData<string> Crashers()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Root, path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Crashers))]
    public void KeptCrashersLoadOrRaiseTheDocumentedException(string relative)
    {
        string path = Path.Combine(Root, relative);
        byte[] bytes = File.ReadAllBytes(path);
        switch (relative.Split(Path.DirectorySeparatorChar)[0])
        {
            case "json":
                Documented<ModelFormatException>(() => ModelDescriptionFuzzTests.Check(System.Text.Encoding.UTF8.GetString(bytes)));
                break;
            case "csv":
                Documented<DataFormatException>(() => CsvFuzzTests.Check(System.Text.Encoding.UTF8.GetString(bytes), new CsvReadOptions { Label = CsvLabel.Last }));
                break;
            case "idx":
                Documented<DataFormatException>(() => IdxReader.Read(new MemoryStream(bytes), "crasher"));
                Documented<DataFormatException>(() => IdxReader.ReadImages(new MemoryStream(bytes), "crasher"));
                break;
            case "safetensors":
                Documented<ModelFormatException>(() => SafeTensorsFile.Read(new MemoryStream(bytes), "crasher"));
                break;
            case "checkpoint":
                Documented<ModelFormatException>(() => ModuleSerialization.LoadModel(path));
                Documented<ModelFormatException>(() =>
                {
                    var checkpoint = Checkpoint.Load(path);
                    if (checkpoint.Description is not null) checkpoint.BuildModel();
                });
                break;
            default:
                throw new InvalidOperationException($"unknown crasher format folder in '{relative}'");
        }
    }

    private static void Documented<T>(Action load) where T : Exception
    {
        var ex = Record.Exception(load);
        Assert.True(ex is null or T, $"expected success or {typeof(T).Name}, got {ex?.GetType().Name}: {ex?.Message}");
    }
}
