using System;
using System.Globalization;
using System.Text;
using AutoHeuristic.Hardware;

namespace AutoHeuristic;

/// <summary>
/// Reads what heuristics match on from the CUDA driver: <c>cuInit(0)</c>, <c>cuDeviceGet</c>,
/// <c>cuDeviceGetName</c> and <c>cuDeviceGetAttribute</c> for the opt-in shared memory per block
/// and the compute capability. Every status is checked; every failure, a missing library
/// included, becomes a <see cref="HardwareSource.NotFound"/> answer with the reason. Never throws.
/// </summary>
internal static class CudaDriverProbe
{
    private const int NameBufferLength = 256;

    /// <summary>The driver library of this operating system.</summary>
    public static ICudaDriver ForThisOs() => HostPlatform.IsWindows ? new WindowsCudaDriver() : new LinuxCudaDriver();

    /// <summary>The hardware of device <paramref name="ordinal"/>, or <c>cpu</c> and why not.</summary>
    public static HardwareDetection Read(ICudaDriver driver, int ordinal)
    {
        string library = driver.LibraryName;
        try
        {
            int status = driver.Init(0);
            if (status != 0) return NotFound(Failed(driver, "cuInit(0)", status));
            status = driver.DeviceGet(out int device, ordinal);
            if (status != 0) return NotFound(Failed(driver, $"cuDeviceGet({ordinal})", status));

            var buffer = new byte[NameBufferLength];
            status = driver.DeviceGetName(buffer, buffer.Length, device);
            if (status != 0) return NotFound(Failed(driver, "cuDeviceGetName", status));
            string name = DecodeName(buffer);
            if (name.Length == 0) return NotFound($"the CUDA driver ({library}) reported an empty name for device {ordinal}.");

            if (!TryAttribute(driver, device, CudaDeviceAttributes.MaxSharedMemoryPerBlockOptIn, "MAX_SHARED_MEMORY_PER_BLOCK_OPTIN", out int sharedMemory, out string? problem)
                || !TryAttribute(driver, device, CudaDeviceAttributes.ComputeCapabilityMajor, "COMPUTE_CAPABILITY_MAJOR", out int major, out problem)
                || !TryAttribute(driver, device, CudaDeviceAttributes.ComputeCapabilityMinor, "COMPUTE_CAPABILITY_MINOR", out int minor, out problem))
            {
                return NotFound(problem!);
            }

            if (sharedMemory <= 0 || major <= 0 || minor < 0)
            {
                return NotFound(FormattableString.Invariant(
                    $"the CUDA driver ({library}) reported implausible values for '{name}': opt-in shared memory {sharedMemory} bytes, capability {major}.{minor}."));
            }

            var hardware = new HardwareInfo(name, sharedMemory, new DeviceCapability(major, minor));
            return new HardwareDetection(hardware, HardwareSource.CudaDriver, $"read from the CUDA driver ({library}), device {ordinal}.");
        }
        catch (DllNotFoundException e)
        {
            return NotFound($"no CUDA driver: {library} could not be loaded ({LoaderMessage(e.Message)}).");
        }
        catch (EntryPointNotFoundException e)
        {
            return NotFound($"the CUDA driver {library} lacks an entry point this library needs ({e.Message}).");
        }
        catch (BadImageFormatException e)
        {
            return NotFound($"{library} is not a driver for this process's architecture ({e.Message}).");
        }
        catch (Exception e)
        {
            // Detection runs inside a decision's constructor: whatever the driver does, answer cpu.
            return NotFound($"reading the CUDA driver ({library}) failed: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// The loader's message on one line: .NET's first sentence and the system's reason for the first
    /// path tried (e.g. <c>…/libcuda.so.1: cannot open shared object file: No such file or directory</c>),
    /// without the debugging advice and the name variants tried after it.
    /// </summary>
    internal static string LoaderMessage(string message)
    {
        string[] lines = message.Replace("\r", "").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return message;
        string first = lines[0].Trim();
        int sentence = first.IndexOf(". ", StringComparison.Ordinal);
        if (sentence >= 0) first = first.Substring(0, sentence + 1);
        return lines.Length == 1 ? first : first + " " + lines[1].Trim();
    }

    /// <summary>The device name up to its terminating NUL.</summary>
    internal static string DecodeName(byte[] buffer)
    {
        int length = Array.IndexOf(buffer, (byte)0);
        if (length < 0) length = buffer.Length;
        return Encoding.UTF8.GetString(buffer, 0, length).Trim();
    }

    private static bool TryAttribute(ICudaDriver driver, int device, int attribute, string attributeName, out int value, out string? problem)
    {
        int status = driver.DeviceGetAttribute(out value, attribute, device);
        problem = status == 0 ? null : Failed(driver, $"cuDeviceGetAttribute(CU_DEVICE_ATTRIBUTE_{attributeName} = {attribute})", status);
        return status == 0;
    }

    private static string Failed(ICudaDriver driver, string call, int status)
    {
        string? name;
        try
        {
            name = driver.ErrorName(status);
        }
        catch (Exception)
        {
            name = null; // the status number alone still says what happened
        }

        string code = status.ToString(CultureInfo.InvariantCulture);
        return $"{call} in the CUDA driver ({driver.LibraryName}) returned {(name is null ? code : name + " (" + code + ")")}.";
    }

    private static HardwareDetection NotFound(string reason) => new(HardwareInfo.None, HardwareSource.NotFound, reason);
}
