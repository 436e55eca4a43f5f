using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace AutoHeuristic.Integration.Tests;

/// <summary>
/// The public surface of an assembly as sorted lines (every exported type and its public and
/// protected members with their signatures), read in a throw-away load context so several builds of
/// one assembly can be compared in one process.
/// </summary>
internal static class PublicApi
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The surface of <paramref name="assemblyPath"/>; its references are looked up next to it first.</summary>
    public static List<string> Of(string assemblyPath)
    {
        string folder = Path.GetDirectoryName(assemblyPath)!;
        var context = new AssemblyLoadContext("api-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        context.Resolving += (ctx, name) =>
        {
            string candidate = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(candidate) ? ctx.LoadFromAssemblyPath(candidate) : null;
        };
        try
        {
            Assembly assembly = context.LoadFromAssemblyPath(assemblyPath);
            var lines = new List<string>();
            foreach (Type type in assembly.GetExportedTypes())
            {
                lines.Add(type.FullName + " : " + type.BaseType?.FullName + " [" + string.Join(", ", type.GetInterfaces().Select(i => i.FullName).OrderBy(n => n, StringComparer.Ordinal)) + "]");
                foreach (MemberInfo member in type.GetMembers(Declared))
                {
                    if (IsVisible(member)) lines.Add(type.FullName + "::" + member.MemberType + " " + member);
                }
            }

            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
        finally
        {
            context.Unload();
        }
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(IsVisible),
        EventInfo e => e.AddMethod is { } add && IsVisible(add),
        Type t => t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamORAssem,
        _ => false,
    };
}
