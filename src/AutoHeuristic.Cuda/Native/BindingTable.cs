using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AutoHeuristic.Cuda.Native;

/// <summary>One native import: the logical library and the exact export it binds.</summary>
public readonly record struct NativeImport(string Library, string EntryPoint, string Method);

/// <summary>The imports of this assembly, read from the <c>LibraryImport</c> attributes (so tests and the GPU self-test check what is really bound).</summary>
public static class BindingTable
{
    /// <summary>Every import, sorted by library and export name.</summary>
    public static IReadOnlyList<NativeImport> All { get; } = Read();

    private static IReadOnlyList<NativeImport> Read()
    {
        var list = new List<NativeImport>();
        foreach (Type t in new[] { typeof(DriverApi), typeof(NvrtcApi), typeof(CublasLtApi) })
        {
            foreach (MethodInfo m in t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            {
                var attr = m.GetCustomAttribute<LibraryImportAttribute>();
                if (attr is null) continue;
                list.Add(new NativeImport(attr.LibraryName, attr.EntryPoint ?? m.Name, t.Name + "." + m.Name));
            }
        }

        return list.OrderBy(i => i.Library, StringComparer.Ordinal).ThenBy(i => i.EntryPoint, StringComparer.Ordinal).ToArray();
    }
}
