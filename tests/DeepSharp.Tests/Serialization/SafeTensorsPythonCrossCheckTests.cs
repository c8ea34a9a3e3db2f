using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using DeepSharp.Serialization;
using Xunit.Abstractions;
using static DeepSharp.Tests.Serialization.SafeTensorsTestData;

namespace DeepSharp.Tests.Serialization;

/// <summary>
/// Parses a file written here with Python: always with json + struct from the standard library,
/// and also with numpy and the safetensors package when they are installed. Skipped, with the
/// reason, only when python3 itself is absent.
/// </summary>
public sealed class SafeTensorsPythonCrossCheckTests(ITestOutputHelper output)
{
    private const string Script = """
        import json, struct, sys
        path = sys.argv[1]
        raw = open(path, 'rb').read()
        n = struct.unpack('<Q', raw[:8])[0]
        assert n % 8 == 0, 'header not padded to 8 bytes'
        header = json.loads(raw[8:8 + n].decode('utf-8'))
        meta = header.pop('__metadata__', {})
        data = raw[8 + n:]
        codes = {'F32': 'f', 'F64': 'd', 'I32': 'i', 'I64': 'q', 'U8': 'B', 'F16': 'e'}
        out = {}
        ranges = []
        for name, info in header.items():
            begin, end = info['data_offsets']
            ranges.append((begin, end))
            count = 1
            for d in info['shape']:
                count *= d
            chunk = data[begin:end]
            code = codes[info['dtype']]
            assert end - begin == count * struct.calcsize(code), name
            values = list(struct.unpack('<%d%s' % (count, code), chunk))
            out[name] = {'dtype': info['dtype'], 'shape': info['shape'], 'values': values}
        ranges.sort()
        cursor = 0
        for begin, end in ranges:
            assert begin == cursor, 'gap or overlap'
            cursor = end
        assert cursor == len(data), 'trailing bytes'
        checks = ['struct']
        try:
            import numpy as np
            kinds = {'F32': '<f4', 'F64': '<f8', 'I32': '<i4', 'I64': '<i8', 'U8': 'u1', 'F16': '<f2'}
            for name, info in header.items():
                if info['dtype'] in kinds:
                    b, e = info['data_offsets']
                    arr = np.frombuffer(data[b:e], dtype=kinds[info['dtype']]).reshape(info['shape'])
                    assert [float(x) if info['dtype'][0] == 'F' else int(x) for x in arr.ravel()] == out[name]['values'], name
            checks.append('numpy')
            try:
                from safetensors.numpy import load_file
                loaded = load_file(path)
                assert sorted(loaded) == sorted(out)
                for name, arr in loaded.items():
                    assert list(arr.shape) == out[name]['shape'], name
                    assert [float(x) if arr.dtype.kind == 'f' else int(x) for x in arr.ravel()] == out[name]['values'], name
                checks.append('safetensors')
            except ImportError:
                pass
        except ImportError:
            pass
        print(json.dumps({'metadata': meta, 'tensors': out, 'checks': checks}))
        """;

    [SkippableFact]
    public async Task PythonReadsWhatWeWrite()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "cross.safetensors");
        // Half precision is included; bfloat16 is not, as numpy (used by safetensors.numpy) lacks it.
        Half[] halves = [(Half)1.5f, (Half)(-2.25f), Half.MaxValue];
        byte[] halfBytes = [.. halves.SelectMany(h => BitConverter.GetBytes(BitConverter.HalfToUInt16Bits(h)))];
        MixedWriter().AddRaw("half", SafeTensorsDType.Float16, [3], halfBytes).Save(path);

        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add(path);
        Process? process = null;
        string? missing = null;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception ex)
        {
            missing = ex.Message;
        }
        if (process is null) throw new SkipException($"python3 is not available ({missing}); the cross-check needs it");
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            string errors = await stderr;
            Assert.True(process.ExitCode == 0, $"python3 failed ({process.ExitCode}): {errors}");

            using var result = JsonDocument.Parse(await stdout);
            var root = result.RootElement;
            output.WriteLine("Python checks run: " + string.Join(", ", root.GetProperty("checks").EnumerateArray().Select(c => c.GetString())));
            Assert.Equal("pt", root.GetProperty("metadata").GetProperty("format").GetString());
            Assert.Equal("épsilon \"quoted\" \\ tab\t", root.GetProperty("metadata").GetProperty("note").GetString());
            var tensors = root.GetProperty("tensors");
            Assert.Equal(8, tensors.EnumerateObject().Count());

            Assert.Equal(Weights.Select(w => (double)w), Values(tensors, "layer1.weight", "F32", [2, 4]).Select(v => v.GetDouble()));
            Assert.Equal(Doubles, Values(tensors, "layer1.double", "F64", [5]).Select(v => v.GetDouble()));
            Assert.Equal(Ints, Values(tensors, "counts", "I32", [2, 3]).Select(v => v.GetInt32()));
            Assert.Equal(Longs, Values(tensors, "step", "I64", [5]).Select(v => v.GetInt64()));
            Assert.Equal(Bytes, Values(tensors, "mask", "U8", [3, 2, 1]).Select(v => v.GetByte()));
            Assert.Equal([0.5], Values(tensors, "scalar", "F32", []).Select(v => v.GetDouble()));
            Assert.Empty(Values(tensors, "empty", "F32", [0, 3]));
            Assert.Equal(halves.Select(h => (double)h), Values(tensors, "half", "F16", [3]).Select(v => v.GetDouble()));
        }
    }

    private static JsonElement[] Values(JsonElement tensors, string name, string dtype, int[] shape)
    {
        var tensor = tensors.GetProperty(name);
        Assert.Equal(dtype, tensor.GetProperty("dtype").GetString());
        Assert.Equal(shape, tensor.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        return [.. tensor.GetProperty("values").EnumerateArray()];
    }
}
