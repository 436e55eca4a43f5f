using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>What an argument refers to, as far as the checks compare arguments.</summary>
internal enum ValueRefKind
{
    /// <summary>An expression the analysis cannot name (a call, a new collection, …).</summary>
    Unknown,
    /// <summary>A compile-time constant string.</summary>
    Constant,
    /// <summary>A local variable.</summary>
    Local,
    /// <summary>A parameter of the analyzed method.</summary>
    Parameter,
    /// <summary>A field or property of this or a static member.</summary>
    Member,
}

/// <summary>
/// An argument reduced to what identifies it: a constant, or the local/parameter/member symbol
/// it reads. Two references are the same value only when both are known and equal.
/// </summary>
internal readonly struct ValueRef : IEquatable<ValueRef>
{
    // The display text is made only when a message needs it: most values never reach a message.
    private readonly string? _display;
    private readonly SyntaxNode? _displaySyntax;

    private ValueRef(ValueRefKind kind, ISymbol? symbol, string? constant, string? display, SyntaxNode? displaySyntax = null)
    {
        Kind = kind;
        Symbol = symbol;
        Constant = constant;
        _display = display;
        _displaySyntax = displaySyntax;
    }

    public ValueRefKind Kind { get; }

    public ISymbol? Symbol { get; }

    public string? Constant { get; }

    /// <summary>How messages show this value (source text).</summary>
    public string Display =>
        Kind == ValueRefKind.Constant ? "\"" + Constant + "\""
        : _displaySyntax is not null ? _displaySyntax.ToString()
        : _display!;

    public bool IsKnown => Kind != ValueRefKind.Unknown;

    public static ValueRef Unknown(string display) => new(ValueRefKind.Unknown, null, null, display);

    public static ValueRef OfConstant(string value) => new(ValueRefKind.Constant, null, value, null);

    public static ValueRef OfSymbol(ValueRefKind kind, ISymbol symbol) => new(kind, symbol, null, symbol.Name);

    /// <summary>Reduces an expression: conversions are looked through; constants and symbol reads are named.</summary>
    public static ValueRef From(IOperation? operation)
    {
        if (operation is null) return Unknown("?");
        while (operation is IConversionOperation { IsImplicit: true } conversion) operation = conversion.Operand;
        if (operation.ConstantValue.HasValue && operation.ConstantValue.Value is string s) return OfConstant(s);
        return operation switch
        {
            ILocalReferenceOperation local => OfSymbol(ValueRefKind.Local, local.Local),
            IParameterReferenceOperation parameter => OfSymbol(ValueRefKind.Parameter, parameter.Parameter),
            IFieldReferenceOperation field when IsThisOrStatic(field.Instance) => OfSymbol(ValueRefKind.Member, field.Field),
            IPropertyReferenceOperation property when IsThisOrStatic(property.Instance) && property.Arguments.Length == 0 => OfSymbol(ValueRefKind.Member, property.Property),
            _ => new ValueRef(ValueRefKind.Unknown, null, null, null, operation.Syntax),
        };
    }

    private static bool IsThisOrStatic(IOperation? instance) => instance is null or IInstanceReferenceOperation;

    public bool Equals(ValueRef other) =>
        Kind == other.Kind && Kind != ValueRefKind.Unknown
        && (Kind == ValueRefKind.Constant
            ? string.Equals(Constant, other.Constant, StringComparison.Ordinal)
            : SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol));

    public override bool Equals(object? obj) => obj is ValueRef other && Equals(other);

    public override int GetHashCode() =>
        Kind == ValueRefKind.Constant ? StringComparer.Ordinal.GetHashCode(Constant!) : SymbolEqualityComparer.Default.GetHashCode(Symbol);

    public override string ToString() => Display;
}
