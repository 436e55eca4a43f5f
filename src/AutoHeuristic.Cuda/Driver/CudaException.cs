using System;
using System.Runtime.InteropServices;
using AutoHeuristic.Cuda.Native;

namespace AutoHeuristic.Cuda.Driver;

/// <summary>Which native library reported an error.</summary>
public enum CudaErrorSource
{
    /// <summary>The CUDA driver API.</summary>
    Driver,
    /// <summary>NVRTC.</summary>
    Nvrtc,
    /// <summary>cuBLASLt.</summary>
    CublasLt,
}

/// <summary>A failed CUDA, NVRTC or cuBLASLt call: the numeric status, its name and its text, and the call.</summary>
public sealed class CudaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CudaException(CudaErrorSource source, int code, string errorName, string errorText, string call)
        : base($"{call} failed: {errorName} ({code}): {errorText}")
    {
        Library = source;
        Code = code;
        ErrorName = errorName;
        ErrorText = errorText;
        Call = call;
    }

    /// <summary>The library that reported the error.</summary>
    public CudaErrorSource Library { get; }

    /// <summary>The numeric status.</summary>
    public int Code { get; }

    /// <summary>The status's symbolic name (e.g. <c>CUDA_ERROR_OUT_OF_MEMORY</c>).</summary>
    public string ErrorName { get; }

    /// <summary>The library's description of the status.</summary>
    public string ErrorText { get; }

    /// <summary>The native call that failed.</summary>
    public string Call { get; }

    /// <summary>True when the device ran out of memory (driver or cuBLASLt allocation failure).</summary>
    public bool IsOutOfMemory =>
        (Library == CudaErrorSource.Driver && Code == (int)CuResult.OutOfMemory) || (Library == CudaErrorSource.CublasLt && Code == 3);

    /// <summary>Throws when <paramref name="result"/> is not success.</summary>
    public static void Check(CuResult result, string call)
    {
        if (result != CuResult.Success) throw FromDriver(result, call);
    }

    /// <summary>Throws when an NVRTC status is not success.</summary>
    public static unsafe void CheckNvrtc(int status, string call)
    {
        if (status == 0) return;
        string text = Marshal.PtrToStringUTF8((IntPtr)NvrtcApi.GetErrorString(status)) ?? "unknown";
        throw new CudaException(CudaErrorSource.Nvrtc, status, text, text, call);
    }

    /// <summary>Throws when a cuBLASLt status is not success.</summary>
    public static unsafe void CheckCublas(int status, string call)
    {
        if (status == 0) return;
        string name = Marshal.PtrToStringUTF8((IntPtr)CublasLtApi.GetStatusName(status)) ?? "CUBLAS_STATUS_" + status;
        string text = Marshal.PtrToStringUTF8((IntPtr)CublasLtApi.GetStatusString(status)) ?? "unknown";
        throw new CudaException(CudaErrorSource.CublasLt, status, name, text, call);
    }

    /// <summary>Builds the exception for a driver status, asking the driver for its name and text.</summary>
    public static unsafe CudaException FromDriver(CuResult result, string call)
    {
        string name = "CUresult " + (int)result;
        string text = "unknown error";
        try
        {
            if (DriverApi.GetErrorName(result, out byte* n) == CuResult.Success && n != null) name = Marshal.PtrToStringUTF8((IntPtr)n) ?? name;
            if (DriverApi.GetErrorString(result, out byte* t) == CuResult.Success && t != null) text = Marshal.PtrToStringUTF8((IntPtr)t) ?? text;
        }
        catch (DllNotFoundException)
        {
            // The driver itself is missing; the numeric code is all there is.
        }

        return new CudaException(CudaErrorSource.Driver, (int)result, name, text, call);
    }
}
