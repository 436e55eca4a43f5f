using AutoHeuristic.Generator.Helpers;

namespace AutoHeuristic.Generator.Operations;

/// <summary>The C# types an <c>[AHOperation]</c> expression may compute with.</summary>
internal enum OperationType
{
    /// <summary><c>bool</c>.</summary>
    Bool,
    /// <summary><c>int</c>.</summary>
    Int32,
    /// <summary><c>long</c>.</summary>
    Int64,
    /// <summary><c>double</c>.</summary>
    Double,
    /// <summary><c>string</c> (parameters and literals, compared with <c>==</c>/<c>!=</c> only).</summary>
    String,
}

/// <summary>Unary operators of the subset.</summary>
internal enum UnaryOperator
{
    /// <summary><c>-x</c>.</summary>
    Negate,
    /// <summary><c>!x</c>.</summary>
    Not,
}

/// <summary>Binary operators of the subset; operands already have the operator's operand type.</summary>
internal enum BinaryOperator
{
    /// <summary><c>+</c>.</summary>
    Add,
    /// <summary><c>-</c>.</summary>
    Subtract,
    /// <summary><c>*</c>.</summary>
    Multiply,
    /// <summary><c>/</c>.</summary>
    Divide,
    /// <summary><c>%</c>.</summary>
    Remainder,
    /// <summary><c>&lt;</c>.</summary>
    LessThan,
    /// <summary><c>&lt;=</c>.</summary>
    LessThanOrEqual,
    /// <summary><c>&gt;</c>.</summary>
    GreaterThan,
    /// <summary><c>&gt;=</c>.</summary>
    GreaterThanOrEqual,
    /// <summary><c>==</c>.</summary>
    Equal,
    /// <summary><c>!=</c>.</summary>
    NotEqual,
    /// <summary><c>&amp;&amp;</c> (short-circuit).</summary>
    AndAlso,
    /// <summary><c>||</c> (short-circuit).</summary>
    OrElse,
}

/// <summary>The <c>System.Math</c> functions of the subset (the overload is fixed by the operand type).</summary>
internal enum MathFunction
{
    /// <summary><c>Math.Abs</c>.</summary>
    Abs,
    /// <summary><c>Math.Min</c>.</summary>
    Min,
    /// <summary><c>Math.Max</c>.</summary>
    Max,
    /// <summary><c>Math.Sqrt</c>.</summary>
    Sqrt,
    /// <summary><c>Math.Log</c> (natural; one argument).</summary>
    Log,
    /// <summary><c>Math.Log10</c>.</summary>
    Log10,
    /// <summary><c>Math.Exp</c>.</summary>
    Exp,
    /// <summary><c>Math.Pow</c>.</summary>
    Pow,
    /// <summary><c>Math.Floor</c>.</summary>
    Floor,
    /// <summary><c>Math.Ceiling</c>.</summary>
    Ceiling,
}

/// <summary>
/// The body of an <c>[AHOperation]</c> method as a typed expression tree: what the generator
/// evaluates while training. Records with structural equality, so a model holding one caches by
/// content (an edited body refits; an edit elsewhere does not).
/// </summary>
internal abstract record OperationExpression(OperationType Type);

/// <summary>A literal: numbers in <see cref="Number"/> (exact for every <c>int</c>/<c>long</c> literal up to 2^53), booleans as 1/0.</summary>
internal sealed record ConstantExpression(OperationType Type, double Number, long Integer, string? Text) : OperationExpression(Type);

/// <summary>A method parameter, read from the context by its name.</summary>
internal sealed record ParameterExpression(OperationType Type, int Index) : OperationExpression(Type);

/// <summary>A conversion (implicit or cast) between numeric types.</summary>
internal sealed record ConvertExpression(OperationType Type, OperationExpression Operand) : OperationExpression(Type);

/// <summary>A unary operator.</summary>
internal sealed record UnaryExpression(OperationType Type, UnaryOperator Operator, OperationExpression Operand) : OperationExpression(Type);

/// <summary>A binary operator.</summary>
internal sealed record BinaryExpression(OperationType Type, BinaryOperator Operator, OperationExpression Left, OperationExpression Right) : OperationExpression(Type);

/// <summary><c>condition ? whenTrue : whenFalse</c>.</summary>
internal sealed record ConditionalExpression(OperationType Type, OperationExpression Condition, OperationExpression WhenTrue, OperationExpression WhenFalse) : OperationExpression(Type);

/// <summary>A <c>System.Math</c> call.</summary>
internal sealed record MathCallExpression(OperationType Type, MathFunction Function, EquatableArray<OperationExpression> Arguments) : OperationExpression(Type);

/// <summary>A parameter of an <c>[AHOperation]</c> method: the feature it reads and its C# type.</summary>
internal sealed record OperationParameter(string FeatureName, OperationType Type);

/// <summary>
/// One user-defined augmented feature: the <c>[AHOperation]</c> method, its feature name, its
/// parameters and its translated body.
/// </summary>
internal sealed record OperationSpec(
    string FeatureName,
    string MethodName,
    bool IsCategorical,
    bool IsChecked,
    EquatableArray<OperationParameter> Parameters,
    OperationExpression Body);
