namespace DeepSharp.Backends.Cuda;

/// <summary>The arithmetic a generic kernel needs on its element type, as a struct the kernel
/// compiler devirtualizes (ILGPU compiles <c>default(TN).Exp(x)</c> to the float or double
/// instruction). Conversions go through double, which holds every Float32 and Int32 exactly.</summary>
internal interface INumeric<T> where T : unmanaged
{
    T FromDouble(double value);
    double ToDouble(T value);
    T Add(T a, T b);
    T Sub(T a, T b);
    T Mul(T a, T b);
    T Div(T a, T b);
    T Neg(T a);
    T Exp(T a);
    T Log(T a);
    T Sqrt(T a);
    T Tanh(T a);
    T Atan(T a);
    T Sin(T a);
    T Cos(T a);
    T Pow(T a, T b);
    T Abs(T a);
    bool IsNaN(T a);
    bool Greater(T a, T b);
    T Zero { get; }
    T One { get; }
    /// <summary>True for Float32 (a constant the kernel compiler folds).</summary>
    bool Single { get; }
}

/// <summary>Float32 arithmetic (single-precision instructions on the device).</summary>
internal readonly struct F32 : INumeric<float>
{
    public float FromDouble(double value) => (float)value;
    public double ToDouble(float value) => value;
    public float Add(float a, float b) => a + b;
    public float Sub(float a, float b) => a - b;
    public float Mul(float a, float b) => a * b;
    public float Div(float a, float b) => a / b;
    public float Neg(float a) => -a;
    public float Exp(float a) => MathF.Exp(a);
    public float Log(float a) => MathF.Log(a);
    public float Sqrt(float a) => MathF.Sqrt(a);
    public float Tanh(float a) => MathF.Tanh(a);
    public float Atan(float a) => MathF.Atan(a);
    public float Sin(float a) => MathF.Sin(a);
    public float Cos(float a) => MathF.Cos(a);
    public float Pow(float a, float b) => MathF.Pow(a, b);
    public float Abs(float a) => MathF.Abs(a);
    public bool IsNaN(float a) => float.IsNaN(a);
    public bool Greater(float a, float b) => a > b;
    public float Zero => 0f;
    public float One => 1f;
    public bool Single => true;
}

/// <summary>Float64 arithmetic (the gradient checks).</summary>
internal readonly struct F64 : INumeric<double>
{
    public double FromDouble(double value) => value;
    public double ToDouble(double value) => value;
    public double Add(double a, double b) => a + b;
    public double Sub(double a, double b) => a - b;
    public double Mul(double a, double b) => a * b;
    public double Div(double a, double b) => a / b;
    public double Neg(double a) => -a;
    public double Exp(double a) => Math.Exp(a);
    public double Log(double a) => Math.Log(a);
    public double Sqrt(double a) => Math.Sqrt(a);
    public double Tanh(double a) => Math.Tanh(a);
    public double Atan(double a) => Math.Atan(a);
    public double Sin(double a) => Math.Sin(a);
    public double Cos(double a) => Math.Cos(a);
    public double Pow(double a, double b) => Math.Pow(a, b);
    public double Abs(double a) => Math.Abs(a);
    public bool IsNaN(double a) => double.IsNaN(a);
    public bool Greater(double a, double b) => a > b;
    public double Zero => 0.0;
    public double One => 1.0;
    public bool Single => false;
}

/// <summary>Int32 (indices and labels): only conversions and comparisons are used on it.</summary>
internal readonly struct I32 : INumeric<int>
{
    public int FromDouble(double value) => (int)value;
    public double ToDouble(int value) => value;
    public int Add(int a, int b) => a + b;
    public int Sub(int a, int b) => a - b;
    public int Mul(int a, int b) => a * b;
    public int Div(int a, int b) => b == 0 ? 0 : a / b;
    public int Neg(int a) => -a;
    public int Exp(int a) => (int)Math.Exp(a);
    public int Log(int a) => (int)Math.Log(a);
    public int Sqrt(int a) => (int)Math.Sqrt(a);
    public int Tanh(int a) => (int)Math.Tanh(a);
    public int Atan(int a) => (int)Math.Atan(a);
    public int Sin(int a) => (int)Math.Sin(a);
    public int Cos(int a) => (int)Math.Cos(a);
    public int Pow(int a, int b) => (int)Math.Pow(a, b);
    public int Abs(int a) => a < 0 ? -a : a;
    public bool IsNaN(int a) => false;
    public bool Greater(int a, int b) => a > b;
    public int Zero => 0;
    public int One => 1;
    public bool Single => false;
}
