using System;
using AutoHeuristic.Features;

namespace AutoHeuristic.Generator.Operations;

/// <summary>
/// Runs a translated <c>[AHOperation]</c> body with C#'s own semantics for each type (integer
/// division and wrap-around or overflow checks as the project compiles them, IEEE doubles,
/// short-circuit logic), so the trainer sees the values the compiled method returns at run time.
/// Parameters are read exactly as the generated run-time code reads them (see <see cref="ReadParameter"/>).
/// </summary>
internal static class OperationEvaluator
{
    /// <summary>The operation the trainer evaluates for <paramref name="spec"/>.</summary>
    public static AHOperation ToOperation(OperationSpec spec) =>
        new(spec.FeatureName, source => Evaluate(spec, source), spec.IsCategorical);

    /// <summary>Computes the feature value of <paramref name="spec"/> for one row or context.</summary>
    public static FeatureValue Evaluate(OperationSpec spec, IFeatureSource source)
    {
        var args = new Value[spec.Parameters.Count];
        for (int i = 0; i < args.Length; i++) args[i] = ReadParameter(spec.Parameters[i], source);
        Value result = Eval(spec.Body, args, spec.IsChecked);
        return spec.Body.Type switch
        {
            OperationType.Bool => FeatureValue.FromBool(result.Bool),
            OperationType.Int32 or OperationType.Int64 => FeatureValue.FromInteger(result.Integer),
            OperationType.Double => FeatureValue.FromFloat(result.Number),
            _ => FeatureValue.FromText(result.Text ?? string.Empty),
        };
    }

    // Mirrors the generated argument expressions: (int)/(long) casts of FeatureValue.Number,
    // Number != 0 for bool, Text for string.
    private static Value ReadParameter(OperationParameter p, IFeatureSource source) => p.Type switch
    {
        OperationType.Bool => Value.FromBool(source.GetNumber(p.FeatureName) != 0),
        OperationType.Int32 => Value.FromInteger((int)source.GetNumber(p.FeatureName)),
        OperationType.Int64 => Value.FromInteger((long)source.GetNumber(p.FeatureName)),
        OperationType.Double => Value.FromNumber(source.GetNumber(p.FeatureName)),
        _ => Value.FromText(source.GetText(p.FeatureName)),
    };

    private static Value Eval(OperationExpression e, Value[] args, bool isChecked)
    {
        switch (e)
        {
            case ConstantExpression c:
                return c.Type switch
                {
                    OperationType.Bool => Value.FromBool(c.Integer != 0),
                    OperationType.Int32 or OperationType.Int64 => Value.FromInteger(c.Integer),
                    OperationType.Double => Value.FromNumber(c.Number),
                    _ => Value.FromText(c.Text),
                };
            case ParameterExpression p:
                return args[p.Index];
            case ConvertExpression conv:
                return Convert(Eval(conv.Operand, args, isChecked), conv.Operand.Type, conv.Type, isChecked);
            case UnaryExpression u:
            {
                Value v = Eval(u.Operand, args, isChecked);
                if (u.Operator == UnaryOperator.Not) return Value.FromBool(!v.Bool);
                return u.Type switch
                {
                    OperationType.Int32 => Value.FromInteger(isChecked ? checked(-(int)v.Integer) : unchecked(-(int)v.Integer)),
                    OperationType.Int64 => Value.FromInteger(isChecked ? checked(-v.Integer) : unchecked(-v.Integer)),
                    _ => Value.FromNumber(-v.Number),
                };
            }

            case BinaryExpression b:
                return Binary(b, args, isChecked);
            case ConditionalExpression c:
                return Eval(c.Condition, args, isChecked).Bool ? Eval(c.WhenTrue, args, isChecked) : Eval(c.WhenFalse, args, isChecked);
            case MathCallExpression m:
                return Call(m, args, isChecked);
            default:
                throw new NotSupportedException("Unknown operation expression " + e.GetType().Name + ".");
        }
    }

    private static Value Binary(BinaryExpression b, Value[] args, bool isChecked)
    {
        if (b.Operator == BinaryOperator.AndAlso) return Value.FromBool(Eval(b.Left, args, isChecked).Bool && Eval(b.Right, args, isChecked).Bool);
        if (b.Operator == BinaryOperator.OrElse) return Value.FromBool(Eval(b.Left, args, isChecked).Bool || Eval(b.Right, args, isChecked).Bool);
        Value l = Eval(b.Left, args, isChecked), r = Eval(b.Right, args, isChecked);
        OperationType operandType = b.Left.Type;
        switch (operandType)
        {
            case OperationType.Bool:
                return b.Operator switch
                {
                    BinaryOperator.Equal => Value.FromBool(l.Bool == r.Bool),
                    BinaryOperator.NotEqual => Value.FromBool(l.Bool != r.Bool),
                    _ => throw Unsupported(b),
                };
            case OperationType.String:
                return b.Operator switch
                {
                    BinaryOperator.Equal => Value.FromBool(string.Equals(l.Text, r.Text, StringComparison.Ordinal)),
                    BinaryOperator.NotEqual => Value.FromBool(!string.Equals(l.Text, r.Text, StringComparison.Ordinal)),
                    _ => throw Unsupported(b),
                };
            case OperationType.Int32:
            {
                int x = (int)l.Integer, y = (int)r.Integer;
                return b.Operator switch
                {
                    BinaryOperator.Add => Value.FromInteger(isChecked ? checked(x + y) : unchecked(x + y)),
                    BinaryOperator.Subtract => Value.FromInteger(isChecked ? checked(x - y) : unchecked(x - y)),
                    BinaryOperator.Multiply => Value.FromInteger(isChecked ? checked(x * y) : unchecked(x * y)),
                    BinaryOperator.Divide => Value.FromInteger(isChecked ? checked(x / y) : unchecked(x / y)),
                    BinaryOperator.Remainder => Value.FromInteger(x % y),
                    _ => Compare(b.Operator, x.CompareTo(y), x == y),
                };
            }

            case OperationType.Int64:
            {
                long x = l.Integer, y = r.Integer;
                return b.Operator switch
                {
                    BinaryOperator.Add => Value.FromInteger(isChecked ? checked(x + y) : unchecked(x + y)),
                    BinaryOperator.Subtract => Value.FromInteger(isChecked ? checked(x - y) : unchecked(x - y)),
                    BinaryOperator.Multiply => Value.FromInteger(isChecked ? checked(x * y) : unchecked(x * y)),
                    BinaryOperator.Divide => Value.FromInteger(isChecked ? checked(x / y) : unchecked(x / y)),
                    BinaryOperator.Remainder => Value.FromInteger(x % y),
                    _ => Compare(b.Operator, x.CompareTo(y), x == y),
                };
            }

            default:
            {
                double x = l.Number, y = r.Number;
                return b.Operator switch
                {
                    BinaryOperator.Add => Value.FromNumber(x + y),
                    BinaryOperator.Subtract => Value.FromNumber(x - y),
                    BinaryOperator.Multiply => Value.FromNumber(x * y),
                    BinaryOperator.Divide => Value.FromNumber(x / y),
                    BinaryOperator.Remainder => Value.FromNumber(x % y),
                    // IEEE comparisons: every comparison with NaN is false except !=.
                    BinaryOperator.LessThan => Value.FromBool(x < y),
                    BinaryOperator.LessThanOrEqual => Value.FromBool(x <= y),
                    BinaryOperator.GreaterThan => Value.FromBool(x > y),
                    BinaryOperator.GreaterThanOrEqual => Value.FromBool(x >= y),
                    BinaryOperator.Equal => Value.FromBool(x == y),
                    BinaryOperator.NotEqual => Value.FromBool(x != y),
                    _ => throw Unsupported(b),
                };
            }
        }
    }

    private static Value Compare(BinaryOperator op, int order, bool equal) => op switch
    {
        BinaryOperator.LessThan => Value.FromBool(order < 0),
        BinaryOperator.LessThanOrEqual => Value.FromBool(order <= 0),
        BinaryOperator.GreaterThan => Value.FromBool(order > 0),
        BinaryOperator.GreaterThanOrEqual => Value.FromBool(order >= 0),
        BinaryOperator.Equal => Value.FromBool(equal),
        BinaryOperator.NotEqual => Value.FromBool(!equal),
        _ => throw new NotSupportedException("Operator " + op + " is not a comparison."),
    };

    private static Value Call(MathCallExpression m, Value[] args, bool isChecked)
    {
        Value a = Eval(m.Arguments[0], args, isChecked);
        Value b = m.Arguments.Count > 1 ? Eval(m.Arguments[1], args, isChecked) : default;
        switch (m.Type)
        {
            case OperationType.Int32:
                return m.Function switch
                {
                    MathFunction.Abs => Value.FromInteger(Math.Abs((int)a.Integer)),
                    MathFunction.Min => Value.FromInteger(Math.Min((int)a.Integer, (int)b.Integer)),
                    MathFunction.Max => Value.FromInteger(Math.Max((int)a.Integer, (int)b.Integer)),
                    _ => throw new NotSupportedException("Math." + m.Function + " has no int overload in the subset."),
                };
            case OperationType.Int64:
                return m.Function switch
                {
                    MathFunction.Abs => Value.FromInteger(Math.Abs(a.Integer)),
                    MathFunction.Min => Value.FromInteger(Math.Min(a.Integer, b.Integer)),
                    MathFunction.Max => Value.FromInteger(Math.Max(a.Integer, b.Integer)),
                    _ => throw new NotSupportedException("Math." + m.Function + " has no long overload in the subset."),
                };
            default:
                return Value.FromNumber(m.Function switch
                {
                    MathFunction.Abs => Math.Abs(a.Number),
                    MathFunction.Min => Math.Min(a.Number, b.Number),
                    MathFunction.Max => Math.Max(a.Number, b.Number),
                    MathFunction.Sqrt => Math.Sqrt(a.Number),
                    MathFunction.Log => Math.Log(a.Number),
                    MathFunction.Log10 => Math.Log10(a.Number),
                    MathFunction.Exp => Math.Exp(a.Number),
                    MathFunction.Pow => Math.Pow(a.Number, b.Number),
                    MathFunction.Floor => Math.Floor(a.Number),
                    _ => Math.Ceiling(a.Number),
                });
        }
    }

    private static Value Convert(Value v, OperationType from, OperationType to, bool isChecked)
    {
        if (from == to) return v;
        switch (to)
        {
            case OperationType.Double:
                return Value.FromNumber(from == OperationType.Double ? v.Number : v.Integer);
            case OperationType.Int64:
                return Value.FromInteger(from == OperationType.Double ? (isChecked ? checked((long)v.Number) : unchecked((long)v.Number)) : v.Integer);
            case OperationType.Int32:
                return Value.FromInteger(from == OperationType.Double
                    ? (isChecked ? checked((int)v.Number) : unchecked((int)v.Number))
                    : (isChecked ? checked((int)v.Integer) : unchecked((int)v.Integer)));
            default:
                throw new NotSupportedException("No conversion from " + from + " to " + to + " in the subset.");
        }
    }

    private static NotSupportedException Unsupported(BinaryExpression b) =>
        new("Operator " + b.Operator + " is not defined for " + b.Left.Type + " in the subset.");

    // One value of any subset type; which field is meaningful follows from the expression's type.
    private readonly struct Value
    {
        private Value(double number, long integer, string? text)
        {
            Number = number;
            Integer = integer;
            Text = text;
        }

        public double Number { get; }

        public long Integer { get; }

        public string? Text { get; }

        public bool Bool => Integer != 0;

        public static Value FromNumber(double d) => new(d, 0, null);

        public static Value FromInteger(long l) => new(l, l, null);

        public static Value FromBool(bool b) => new(b ? 1 : 0, b ? 1 : 0, null);

        public static Value FromText(string? s) => new(double.NaN, 0, s);
    }
}
