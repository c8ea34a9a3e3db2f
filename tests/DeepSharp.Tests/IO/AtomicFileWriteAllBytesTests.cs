using DeepSharp.IO;
using DeepSharp.Tests.Plotting;

namespace DeepSharp.Tests.IO;

public sealed class AtomicFileWriteAllBytesTests
{
    [Fact]
    public void WritesOverwritesAndCreatesTheDirectory()
    {
        string dir = PlotAssert.TempDirectory();
        try
        {
            string path = Path.Combine(dir, "a", "b", "out.bin");
            AtomicFile.WriteAllBytes(path, [1, 2, 3]);
            AtomicFile.Write(path, s => s.Write([4, 5]));
            Assert.Equal([4, 5], File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void FailedWriteLeavesTheOldFileAndNoTemporaryFile()
    {
        string dir = PlotAssert.TempDirectory();
        try
        {
            string path = Path.Combine(dir, "keep.bin");
            AtomicFile.WriteAllBytes(path, [7, 7, 7]);
            Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
            {
                s.Write([1, 2]);
                throw new InvalidOperationException("disk on fire");
            }));
            Assert.Equal([7, 7, 7], File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, true); }
    }
}
