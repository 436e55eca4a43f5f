using System.Collections.Generic;
using System.Threading;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoHeuristic.Generator.Operations;

/// <summary>
/// Translates the expression body of an <c>[AHOperation]</c> method into an
/// <see cref="OperationExpression"/>, accepting only the subset the generator can evaluate with
/// C#'s exact semantics: numeric and boolean literals (and string literals in comparisons),
/// parameters, parentheses, <c>+ - * / %</c>, comparisons, <c>&amp;&amp; || !</c>, <c>?:</c>,
/// numeric casts and a few <c>System.Math</c> functions. Anything else is reported (AH2004)
/// at the offending expression.
/// </summary>
internal sealed class OperationTranslator
{
    private readonly SemanticModel _model;
    private readonly IMethodSymbol _method;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics;

    private OperationTranslator(SemanticModel model, IMethodSymbol method, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _model = model;
        _method = method;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Translates <paramref name="body"/>; null when it is outside the subset (diagnostics added).</summary>
    public static OperationExpression? Translate(SemanticModel model, IMethodSymbol method, ExpressionSyntax body, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        int before = diagnostics.Count;
        OperationExpression? result = new OperationTranslator(model, method, diagnostics, cancellationToken).Visit(body);
        return diagnostics.Count == before ? result : null;
    }

    /// <summary>The subset type of a C# type, or null when the subset does not support it.</summary>
    public static OperationType? TypeOf(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Boolean => OperationType.Bool,
        SpecialType.System_Int32 => OperationType.Int32,
        SpecialType.System_Int64 => OperationType.Int64,
        SpecialType.System_Double => OperationType.Double,
        SpecialType.System_String => OperationType.String,
        _ => null,
    };

    // Translates an expression and applies the implicit conversion the compiler gives it.
    private OperationExpression? Visit(ExpressionSyntax syntax)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        OperationExpression? inner = VisitCore(syntax);
        if (inner is null) return null;
        TypeInfo info = _model.GetTypeInfo(syntax, _cancellationToken);
        OperationType? converted = TypeOf(info.ConvertedType);
        if (converted is null) return Unsupported(syntax, "its converted type '" + info.ConvertedType?.ToDisplayString() + "' is not bool, int, long, double or string");
        if (converted.Value == inner.Type) return inner;
        if (!IsNumeric(inner.Type) || !IsNumeric(converted.Value)) return Unsupported(syntax, "only numeric conversions are supported");
        return new ConvertExpression(converted.Value, inner);
    }

    private OperationExpression? VisitCore(ExpressionSyntax syntax)
    {
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax p:
                return Visit(p.Expression);
            case LiteralExpressionSyntax literal:
                return Literal(literal);
            case IdentifierNameSyntax identifier:
            {
                ISymbol? symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
                if (symbol is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method))
                {
                    OperationType? type = TypeOf(parameter.Type);
                    return type is null ? Unsupported(syntax, "the parameter's type is not supported") : new ParameterExpression(type.Value, parameter.Ordinal);
                }

                return Unsupported(syntax, "only the method's own parameters can be read");
            }

            case PrefixUnaryExpressionSyntax unary:
                return Unary(unary);
            case BinaryExpressionSyntax binary:
                return Binary(binary);
            case ConditionalExpressionSyntax conditional:
            {
                OperationExpression? c = Visit(conditional.Condition), t = Visit(conditional.WhenTrue), f = Visit(conditional.WhenFalse);
                if (c is null || t is null || f is null) return null;
                return t.Type == f.Type ? new ConditionalExpression(t.Type, c, t, f) : Unsupported(syntax, "both branches must have the same type");
            }

            case CastExpressionSyntax cast:
            {
                OperationType? target = TypeOf(_model.GetTypeInfo(cast.Type, _cancellationToken).Type);
                OperationExpression? operand = Visit(cast.Expression);
                if (operand is null) return null;
                if (target is null || !IsNumeric(target.Value) || !IsNumeric(operand.Type)) return Unsupported(syntax, "only casts between int, long and double are supported");
                return target.Value == operand.Type ? operand : new ConvertExpression(target.Value, operand);
            }

            case InvocationExpressionSyntax invocation:
                return Call(invocation);
            default:
                return Unsupported(syntax, "'" + syntax.Kind() + "' is not part of the [AHOperation] subset");
        }
    }

    private OperationExpression? Literal(LiteralExpressionSyntax literal)
    {
        OperationType? type = TypeOf(_model.GetTypeInfo(literal, _cancellationToken).Type);
        object? value = literal.Token.Value;
        switch (type)
        {
            case OperationType.Bool when value is bool b:
                return new ConstantExpression(OperationType.Bool, b ? 1 : 0, b ? 1 : 0, null);
            case OperationType.Int32 when value is int i:
                return new ConstantExpression(OperationType.Int32, i, i, null);
            case OperationType.Int64 when value is long l:
                return new ConstantExpression(OperationType.Int64, l, l, null);
            case OperationType.Double when value is double d:
                return new ConstantExpression(OperationType.Double, d, 0, null);
            case OperationType.String when value is string s:
                return new ConstantExpression(OperationType.String, double.NaN, 0, s);
            default:
                return Unsupported(literal, "only bool, int, long, double and string literals are supported");
        }
    }

    private OperationExpression? Unary(PrefixUnaryExpressionSyntax unary)
    {
        OperationExpression? operand = Visit(unary.Operand);
        if (operand is null) return null;
        switch (unary.Kind())
        {
            case SyntaxKind.UnaryPlusExpression when IsNumeric(operand.Type):
                return operand;
            case SyntaxKind.UnaryMinusExpression when IsNumeric(operand.Type):
                return new UnaryExpression(operand.Type, UnaryOperator.Negate, operand);
            case SyntaxKind.LogicalNotExpression when operand.Type == OperationType.Bool:
                return new UnaryExpression(OperationType.Bool, UnaryOperator.Not, operand);
            default:
                return Unsupported(unary, "the operator '" + unary.OperatorToken.Text + "' is not supported here");
        }
    }

    private OperationExpression? Binary(BinaryExpressionSyntax binary)
    {
        BinaryOperator? op = binary.Kind() switch
        {
            SyntaxKind.AddExpression => BinaryOperator.Add,
            SyntaxKind.SubtractExpression => BinaryOperator.Subtract,
            SyntaxKind.MultiplyExpression => BinaryOperator.Multiply,
            SyntaxKind.DivideExpression => BinaryOperator.Divide,
            SyntaxKind.ModuloExpression => BinaryOperator.Remainder,
            SyntaxKind.LessThanExpression => BinaryOperator.LessThan,
            SyntaxKind.LessThanOrEqualExpression => BinaryOperator.LessThanOrEqual,
            SyntaxKind.GreaterThanExpression => BinaryOperator.GreaterThan,
            SyntaxKind.GreaterThanOrEqualExpression => BinaryOperator.GreaterThanOrEqual,
            SyntaxKind.EqualsExpression => BinaryOperator.Equal,
            SyntaxKind.NotEqualsExpression => BinaryOperator.NotEqual,
            SyntaxKind.LogicalAndExpression => BinaryOperator.AndAlso,
            SyntaxKind.LogicalOrExpression => BinaryOperator.OrElse,
            _ => null,
        };
        if (op is null) return Unsupported(binary, "the operator '" + binary.OperatorToken.Text + "' is not supported");

        bool isLogical = op.Value is BinaryOperator.AndAlso or BinaryOperator.OrElse;
        OperationType? result = OperationType.Bool;
        if (!isLogical)
        {
            // The compiler's chosen operator fixes the operand type (e.g. long * double is double * double).
            if (_model.GetSymbolInfo(binary, _cancellationToken).Symbol is not IMethodSymbol { MethodKind: MethodKind.BuiltinOperator } opSymbol)
            {
                return Unsupported(binary, "only built-in operators are supported");
            }

            result = TypeOf(opSymbol.ReturnType);
        }

        OperationExpression? left = Visit(binary.Left), right = Visit(binary.Right);
        if (left is null || right is null) return null;
        if (result is null || left.Type != right.Type) return Unsupported(binary, "the operands' types are not supported");
        bool isArithmetic = op.Value <= BinaryOperator.Remainder;
        bool isEquality = op.Value is BinaryOperator.Equal or BinaryOperator.NotEqual;
        if ((isArithmetic && !IsNumeric(left.Type)) || (isLogical && left.Type != OperationType.Bool)
            || (!isArithmetic && !isLogical && !isEquality && !IsNumeric(left.Type)))
        {
            return Unsupported(binary, "the operator '" + binary.OperatorToken.Text + "' is not supported for " + left.Type);
        }

        return new BinaryExpression(result.Value, op.Value, left, right);
    }

    private OperationExpression? Call(InvocationExpressionSyntax invocation)
    {
        if (_model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol method
            || method.ContainingType?.ToDisplayString() != "System.Math")
        {
            return Unsupported(invocation, "only System.Math.Abs, Min, Max, Sqrt, Log, Log10, Exp, Pow, Floor and Ceiling can be called");
        }

        MathFunction? function = method.Name switch
        {
            "Abs" => MathFunction.Abs,
            "Min" => MathFunction.Min,
            "Max" => MathFunction.Max,
            "Sqrt" => MathFunction.Sqrt,
            "Log" when method.Parameters.Length == 1 => MathFunction.Log,
            "Log10" => MathFunction.Log10,
            "Exp" => MathFunction.Exp,
            "Pow" => MathFunction.Pow,
            "Floor" when method.Parameters.Length == 1 => MathFunction.Floor,
            "Ceiling" when method.Parameters.Length == 1 => MathFunction.Ceiling,
            _ => null,
        };
        OperationType? type = TypeOf(method.ReturnType);
        bool integerOverload = type is OperationType.Int32 or OperationType.Int64;
        if (function is null || type is null || !IsNumeric(type.Value)
            || (integerOverload && function is not (MathFunction.Abs or MathFunction.Min or MathFunction.Max)))
        {
            return Unsupported(invocation, "Math." + method.Name + " with these arguments is not part of the subset");
        }

        var args = new List<OperationExpression>();
        foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
        {
            if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None)) return Unsupported(argument, "pass Math arguments by position");
            OperationExpression? arg = Visit(argument.Expression);
            if (arg is null) return null;
            args.Add(arg);
        }

        return new MathCallExpression(type.Value, function.Value, args.ToEquatableArray());
    }

    private OperationExpression? Unsupported(SyntaxNode node, string reason)
    {
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedOperationExpression, LocationInfo.From(node.GetLocation()), node.ToString(), reason));
        return null;
    }

    private static bool IsNumeric(OperationType type) => type is OperationType.Int32 or OperationType.Int64 or OperationType.Double;
}
