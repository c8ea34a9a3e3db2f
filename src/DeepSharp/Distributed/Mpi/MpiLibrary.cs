using System.Runtime.InteropServices;
using System.Text;

namespace DeepSharp.Distributed;

/// <summary>
/// The dozen calls of Open MPI's C API that data-parallel training needs, bound by hand: libmpi is
/// opened (RTLD_GLOBAL, so its components resolve its symbols) only when a process group over MPI is
/// created, and its entry points are called through function pointers, so a process that never
/// starts one loads nothing. Open MPI's handles (MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM, ...) are the
/// addresses of exported objects (<c>ompi_mpi_comm_world</c>, ...); MPICH's integer handles are a
/// different ABI, refused with a clear message.
/// </summary>
/// <remarks>All calls must come from the thread that called <see cref="InitThread"/> (the process
/// group asks for MPI_THREAD_FUNNELED and funnels every call through one worker thread).</remarks>
internal sealed unsafe class MpiLibrary
{
    /// <summary>MPI_THREAD_FUNNELED: only the initializing thread makes MPI calls.</summary>
    public const int ThreadFunneled = 1;

    private const int RtldNow = 0x2, RtldGlobal = 0x100;
    private const int MaxErrorString = 256, MaxProcessorName = 256;
    private static readonly string[] Candidates = ["libmpi.so.40", "libmpi.so"];

    private readonly delegate* unmanaged<int*, byte***, int, int*, int> _initThread;
    private readonly delegate* unmanaged<int*, int> _initialized;
    private readonly delegate* unmanaged<int*, int> _finalized;
    private readonly delegate* unmanaged<int> _finalize;
    private readonly delegate* unmanaged<nint, int*, int> _commRank;
    private readonly delegate* unmanaged<nint, int*, int> _commSize;
    private readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> _allreduce;
    private readonly delegate* unmanaged<void*, int, nint, int, nint, int> _bcast;
    private readonly delegate* unmanaged<nint, int> _barrier;
    private readonly delegate* unmanaged<nint, int, int> _abort;
    private readonly delegate* unmanaged<nint, nint, int> _setErrhandler;
    private readonly delegate* unmanaged<int, byte*, int*, int> _errorString;
    private readonly delegate* unmanaged<byte*, int*, int> _processorName;

    private MpiLibrary(nint handle, string path)
    {
        Path = path;
        nint Export(string name) => NativeLibrary.TryGetExport(handle, name, out nint address)
            ? address
            : throw new DistributedException($"'{path}' has no symbol '{name}'; DeepSharp binds Open MPI's C API (Debian's libopenmpi), not MPICH or another MPI.");
        _initThread = (delegate* unmanaged<int*, byte***, int, int*, int>)Export("MPI_Init_thread");
        _initialized = (delegate* unmanaged<int*, int>)Export("MPI_Initialized");
        _finalized = (delegate* unmanaged<int*, int>)Export("MPI_Finalized");
        _finalize = (delegate* unmanaged<int>)Export("MPI_Finalize");
        _commRank = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_rank");
        _commSize = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_size");
        _allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export("MPI_Allreduce");
        _bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export("MPI_Bcast");
        _barrier = (delegate* unmanaged<nint, int>)Export("MPI_Barrier");
        _abort = (delegate* unmanaged<nint, int, int>)Export("MPI_Abort");
        _setErrhandler = (delegate* unmanaged<nint, nint, int>)Export("MPI_Comm_set_errhandler");
        _errorString = (delegate* unmanaged<int, byte*, int*, int>)Export("MPI_Error_string");
        _processorName = (delegate* unmanaged<byte*, int*, int>)Export("MPI_Get_processor_name");
        CommWorld = Export("ompi_mpi_comm_world");
        Float = Export("ompi_mpi_float");
        Double = Export("ompi_mpi_double");
        Int = Export("ompi_mpi_int");
        Sum = Export("ompi_mpi_op_sum");
        Max = Export("ompi_mpi_op_max");
        Min = Export("ompi_mpi_op_min");
        ErrorsReturn = Export("ompi_mpi_errors_return");
    }

    /// <summary>The file that was opened.</summary>
    public string Path { get; }

    public nint CommWorld { get; }
    public nint Float { get; }
    public nint Double { get; }
    public nint Int { get; }
    public nint Sum { get; }
    public nint Max { get; }
    public nint Min { get; }
    public nint ErrorsReturn { get; }

    /// <summary>MPI_IN_PLACE in Open MPI.</summary>
    public static void* InPlace => (void*)1;

    /// <summary>Opens libmpi; <paramref name="path"/> overrides the search (e.g. a non-Debian install).</summary>
    /// <exception cref="DistributedException">No Open MPI library could be opened.</exception>
    public static MpiLibrary Open(string? path = null)
    {
        var tried = new List<string>();
        foreach (string candidate in path is null ? Candidates : [path])
        {
            nint handle = DlOpen(candidate);
            if (handle != 0) return new MpiLibrary(handle, candidate);
            tried.Add($"{candidate} ({DlError()})");
        }
        throw new DistributedException($"could not open the Open MPI library: tried {string.Join("; ", tried)}. Install openmpi-bin and libopenmpi3 (Debian) or set DEEPSHARP_MPI_LIBRARY.");
    }

    /// <summary>MPI_Init_thread with no arguments; returns the thread level provided.</summary>
    public int InitThread(int required)
    {
        int provided;
        Check(_initThread(null, null, required, &provided), "MPI_Init_thread");
        return provided;
    }

    public bool IsInitialized()
    {
        int flag;
        Check(_initialized(&flag), "MPI_Initialized");
        return flag != 0;
    }

    public bool IsFinalized()
    {
        int flag;
        Check(_finalized(&flag), "MPI_Finalized");
        return flag != 0;
    }

    public void FinalizeMpi() => Check(_finalize(), "MPI_Finalize");

    /// <summary>Makes errors on the world communicator return codes (turned into exceptions) instead of aborting.</summary>
    public void ReturnErrors() => Check(_setErrhandler(CommWorld, ErrorsReturn), "MPI_Comm_set_errhandler");

    public int Rank()
    {
        int rank;
        Check(_commRank(CommWorld, &rank), "MPI_Comm_rank");
        return rank;
    }

    public int Size()
    {
        int size;
        Check(_commSize(CommWorld, &size), "MPI_Comm_size");
        return size;
    }

    public void AllReduceInPlace(void* buffer, int count, nint datatype, nint op) =>
        Check(_allreduce(InPlace, buffer, count, datatype, op, CommWorld), "MPI_Allreduce");

    public void Broadcast(void* buffer, int count, nint datatype, int root) =>
        Check(_bcast(buffer, count, datatype, root, CommWorld), "MPI_Bcast");

    public void Barrier() => Check(_barrier(CommWorld), "MPI_Barrier");

    public void Abort(int code) => _abort(CommWorld, code);

    public string ProcessorName()
    {
        byte* name = stackalloc byte[MaxProcessorName];
        int length;
        Check(_processorName(name, &length), "MPI_Get_processor_name");
        return Encoding.UTF8.GetString(name, length);
    }

    private void Check(int code, string call)
    {
        if (code == 0) return;
        byte* text = stackalloc byte[MaxErrorString];
        int length = 0;
        string message = _errorString(code, text, &length) == 0 ? Encoding.UTF8.GetString(text, length) : "unknown error";
        throw new DistributedException($"{call} failed with error {code}: {message}.");
    }

    [DllImport("libc.so.6", EntryPoint = "dlopen")]
    private static extern nint DlOpenNative(byte* file, int mode);

    [DllImport("libc.so.6", EntryPoint = "dlerror")]
    private static extern byte* DlErrorNative();

    private static nint DlOpen(string file)
    {
        byte[] name = Encoding.UTF8.GetBytes(file + "\0");
        fixed (byte* p = name) return DlOpenNative(p, RtldNow | RtldGlobal);
    }

    private static string DlError()
    {
        byte* e = DlErrorNative();
        return e is null ? "not found" : Marshal.PtrToStringUTF8((nint)e) ?? "not found";
    }
}
