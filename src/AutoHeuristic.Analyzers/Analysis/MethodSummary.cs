using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoHeuristic.Analyzers.Analysis;

/// <summary>
/// Everything the checks need from one method body, collected in a single walk of its operation
/// tree: heuristic sites, autotune calls, AddFeature calls, collection changes, calls to other
/// methods, what locals are assigned and what the method returns. The checks then combine the
/// summaries of all methods at the end of the compilation (helpers and callers included).
/// </summary>
internal sealed class MethodSummary
{
    // Methods of List<T> and friends that change the collection in place.
    private static readonly HashSet<string> MutatingMethods = new(StringComparer.Ordinal)
    {
        "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "Clear", "Reverse", "Sort",
    };

    private static readonly HashSet<string> DecisionMethods = new(StringComparer.Ordinal)
    {
        "GetChoice", "GetChoiceCaller", "GetTopKChoices", "GetTopKChoicesCaller",
    };

    private MethodSummary(IMethodSymbol method) => Method = method;

    public IMethodSymbol Method { get; }

    public List<HeuristicSite> Sites { get; } = new();

    public List<AutotuneCall> AutotuneCalls { get; } = new();

    public List<FeatureAdd> FeatureAdds { get; } = new();

    public List<CollectionMutation> Mutations { get; } = new();

    public List<MethodCall> Calls { get; } = new();

    /// <summary>Values assigned to each local (initializers and assignments), in source order.</summary>
    public Dictionary<ILocalSymbol, List<IOperation>> LocalAssignments { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The values this method returns.</summary>
    public List<ValueRef> Returns { get; } = new();

    /// <summary>Values (locals/parameters) whose object is asked for a decision (GetChoice…).</summary>
    public HashSet<ValueRef> DecisionReceivers { get; } = new();

    /// <summary>Builds the summary of <paramref name="body"/>, the operation tree of <paramref name="method"/>.</summary>
    public static MethodSummary Build(IMethodSymbol method, IOperation body, KnownSymbols known, CancellationToken cancellationToken)
    {
        var summary = new MethodSummary(method);
        foreach (IOperation operation in body.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IObjectCreationOperation creation when known.SiteKindOf(creation.Type) is SiteKind kind:
                    summary.Sites.Add(CreateSite(kind, creation));
                    break;
                case IInvocationOperation invocation:
                    summary.AddInvocation(invocation, known);
                    break;
                case ISimpleAssignmentOperation assignment:
                    summary.AddAssignment(assignment);
                    break;
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                    summary.Assign(declarator.Symbol, initializer.Value);
                    break;
                case IReturnOperation { ReturnedValue: { } returned } when operation.Kind == OperationKind.Return:
                    summary.Returns.Add(ValueRef.From(returned));
                    break;
            }
        }

        foreach (HeuristicSite site in summary.Sites)
        {
            site.AsksForDecision |= site.ResultLocal is not null
                && summary.DecisionReceivers.Contains(ValueRef.OfSymbol(ValueRefKind.Local, site.ResultLocal));
        }

        return summary;
    }

    private static HeuristicSite CreateSite(SiteKind kind, IObjectCreationOperation creation)
    {
        var site = new HeuristicSite(kind, creation)
        {
            Name = Argument(creation.Arguments, "name"),
            Context = Argument(creation.Arguments, "context"),
            Choices = Argument(creation.Arguments, "choices"),
            Inputs = Argument(creation.Arguments, "inputs"),
        };

        IOperation? parent = creation.Parent;
        while (parent is IConversionOperation) parent = parent.Parent;
        switch (parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                site.ResultLocal = declarator.Symbol;
                break;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local }:
                site.ResultLocal = local.Local;
                break;
            case IInvocationOperation call when DecisionMethods.Contains(call.TargetMethod.Name):
                site.AsksForDecision = true;
                break;
        }

        if (kind == SiteKind.Decision) site.ChoiceLiterals = ReadChoiceLiterals(site.Choices.Operation);
        return site;
    }

    private void AddInvocation(IInvocationOperation invocation, KnownSymbols known)
    {
        IMethodSymbol target = invocation.TargetMethod;
        if (known.IsAutotune(target))
        {
            AutotuneCalls.Add(new AutotuneCall(
                Argument(invocation.Arguments, "name"), Argument(invocation.Arguments, "choices"), Argument(invocation.Arguments, "inputs"),
                invocation.Syntax.SpanStart, invocation.Syntax.GetLocation()));
            return;
        }

        if (known.IsAddFeature(target))
        {
            AddFeature(invocation, target);
            return;
        }

        if (known.IsGeneratedDecision(target, out string heuristicName))
        {
            // The generated class only reads the context: a site, not a call that could add features.
            Sites.Add(new HeuristicSite(SiteKind.GeneratedDecision, invocation)
            {
                Name = new ArgumentFact(ValueRef.OfConstant(heuristicName), null, null),
                Context = Argument(invocation.Arguments, "context"),
                Choices = Argument(invocation.Arguments, "metadata"),
                Inputs = new ArgumentFact(ValueRef.Unknown("?"), null, null),
                AsksForDecision = true,
            });
            return;
        }

        ValueRef receiver = ValueRef.From(invocation.Instance);
        if (invocation.Instance is not null && DecisionMethods.Contains(target.Name) && receiver.IsKnown)
        {
            DecisionReceivers.Add(receiver);
        }

        if (invocation.Instance is not null && MutatingMethods.Contains(target.Name) && receiver.Kind is ValueRefKind.Local or ValueRefKind.Parameter or ValueRefKind.Member)
        {
            Mutations.Add(new CollectionMutation(receiver, target.Name, invocation.Syntax.SpanStart, invocation.Syntax.GetLocation(), IsGuardedByCollectCheck(invocation), invocation));
        }

        var arguments = new Dictionary<int, ArgumentFact>();
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is null) continue;
            arguments[argument.Parameter.Ordinal] = new ArgumentFact(ValueRef.From(argument.Value), argument.Value.Syntax.GetLocation(), argument.Value);
        }

        Calls.Add(new MethodCall(target.OriginalDefinition, arguments, invocation.Syntax.SpanStart, invocation.Syntax.GetLocation(), invocation));
    }

    private void AddFeature(IInvocationOperation invocation, IMethodSymbol target)
    {
        string? name = null;
        NamePattern? pattern = null;
        bool? isCategorical = null;
        bool sawFlag = false;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "name":
                    if (argument.Value.ConstantValue is { HasValue: true, Value: string constant }) name = constant;
                    else pattern = NamePattern.From(StripConversions(argument.Value));
                    break;
                case "isCategorical":
                    sawFlag = true;
                    if (argument.Value.ConstantValue is { HasValue: true, Value: bool flag }) isCategorical = flag;
                    break;
            }
        }

        if (!sawFlag)
        {
            // Omitted optional argument: the overload's default (the enum overload defaults to categorical).
            IParameterSymbol? flagParameter = null;
            foreach (IParameterSymbol p in target.Parameters)
            {
                if (p.Name == "isCategorical") flagParameter = p;
            }

            isCategorical = flagParameter is { HasExplicitDefaultValue: true, ExplicitDefaultValue: bool d } ? d : false;
        }

        FeatureAdds.Add(new FeatureAdd(ValueRef.From(invocation.Instance), name, pattern, isCategorical, invocation.Syntax.GetLocation(), invocation));
    }

    private void AddAssignment(ISimpleAssignmentOperation assignment)
    {
        switch (assignment.Target)
        {
            case ILocalReferenceOperation local:
                Assign(local.Local, assignment.Value);
                Mutations.Add(new CollectionMutation(ValueRef.OfSymbol(ValueRefKind.Local, local.Local), "reassigned", assignment.Syntax.SpanStart,
                    assignment.Syntax.GetLocation(), IsGuardedByCollectCheck(assignment), assignment));
                break;
            case IParameterReferenceOperation parameter:
                Mutations.Add(new CollectionMutation(ValueRef.OfSymbol(ValueRefKind.Parameter, parameter.Parameter), "reassigned", assignment.Syntax.SpanStart,
                    assignment.Syntax.GetLocation(), IsGuardedByCollectCheck(assignment), assignment));
                break;
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance }:
                ValueRef receiver = ValueRef.From(instance);
                if (receiver.IsKnown)
                {
                    Mutations.Add(new CollectionMutation(receiver, "element replaced", assignment.Syntax.SpanStart,
                        assignment.Syntax.GetLocation(), IsGuardedByCollectCheck(assignment), assignment));
                }

                break;
        }
    }

    private void Assign(ILocalSymbol local, IOperation value)
    {
        if (!LocalAssignments.TryGetValue(local, out List<IOperation>? values))
        {
            values = new List<IOperation>(1);
            LocalAssignments.Add(local, values);
        }

        values.Add(value);
    }

    /// <summary>A local assigned exactly once from another local or parameter stands for it.</summary>
    public ValueRef ResolveAlias(ValueRef value)
    {
        for (int hops = 0; hops < 4; hops++)
        {
            if (value.Kind != ValueRefKind.Local || value.Symbol is not ILocalSymbol local
                || !LocalAssignments.TryGetValue(local, out List<IOperation>? values) || values.Count != 1)
            {
                return value;
            }

            ValueRef target = ValueRef.From(values[0]);
            if (target.Kind is not (ValueRefKind.Local or ValueRefKind.Parameter)) return value;
            value = target;
        }

        return value;
    }

    /// <summary>Where the choices list of a site is written: the argument, or the one assignment of the local it passes.</summary>
    public Location? ChoicesListLocation(HeuristicSite site)
    {
        if (site.ChoiceLiterals is null && site.Choices.Value.Kind == ValueRefKind.Local && site.Choices.Value.Symbol is ILocalSymbol local
            && LocalAssignments.TryGetValue(local, out List<IOperation>? values) && values.Count == 1)
        {
            return StripConversions(values[0]).Syntax.GetLocation();
        }

        return site.Choices.Location;
    }

    /// <summary>The literal choices of a decision site, looking through a local assigned once.</summary>
    public IReadOnlyList<ChoiceLiteral>? LiteralChoices(HeuristicSite site)
    {
        if (site.ChoiceLiterals is not null) return site.ChoiceLiterals;
        if (site.Choices.Value.Kind == ValueRefKind.Local && site.Choices.Value.Symbol is ILocalSymbol local
            && LocalAssignments.TryGetValue(local, out List<IOperation>? values) && values.Count == 1)
        {
            return ReadChoiceLiterals(values[0]);
        }

        return null;
    }

    /// <summary>
    /// A local assigned exactly once from a constant string counts as that constant (for names).
    /// </summary>
    public ValueRef ResolveConstant(ValueRef value)
    {
        if (value.Kind == ValueRefKind.Local && value.Symbol is ILocalSymbol local
            && LocalAssignments.TryGetValue(local, out List<IOperation>? values) && values.Count == 1
            && values[0].ConstantValue is { HasValue: true, Value: string constant })
        {
            return ValueRef.OfConstant(constant);
        }

        return value;
    }

    private static ArgumentFact Argument(IEnumerable<IArgumentOperation> arguments, string parameterName)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter?.Name == parameterName && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return new ArgumentFact(ValueRef.From(argument.Value), argument.Value.Syntax.GetLocation(), argument.Value);
            }
        }

        return new ArgumentFact(ValueRef.Unknown("?"), null, null);
    }

    private static IOperation StripConversions(IOperation operation)
    {
        while (operation is IConversionOperation conversion) operation = conversion.Operand;
        return operation;
    }

    // Nothing is recorded while collect mode is off, so a change made only on that path (PyTorch's
    // tuned_mm narrows its choices when not collecting) cannot break collection.
    private static bool IsGuardedByCollectCheck(IOperation operation)
    {
        IOperation child = operation;
        for (IOperation? parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && !ReferenceEquals(conditional.Condition, child)
                && conditional.Condition.Syntax.ToString().IndexOf("collect", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The strings of a literal list (array, collection initializer or collection expression); null when not literal.</summary>
    internal static IReadOnlyList<ChoiceLiteral>? ReadChoiceLiterals(IOperation? choices)
    {
        if (choices is null) return null;
        choices = StripConversions(choices);
        SyntaxNode syntax = choices.Syntax;
        SemanticModel? model = choices.SemanticModel;
        if (model is null) return null;
        IEnumerable<ExpressionSyntax>? elements = syntax switch
        {
            ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
            BaseObjectCreationExpressionSyntax { Initializer: { } init } when init.IsKind(SyntaxKind.CollectionInitializerExpression) => init.Expressions,
            CollectionExpressionSyntax collection => CollectionElements(collection),
            _ => null,
        };
        if (elements is null) return null;
        var result = new List<ChoiceLiteral>();
        foreach (ExpressionSyntax element in elements)
        {
            Optional<object?> value = model.GetConstantValue(element);
            if (!value.HasValue || value.Value is not string s) return null;
            result.Add(new ChoiceLiteral(s, element.GetLocation()));
        }

        return result;
    }

    private static IEnumerable<ExpressionSyntax>? CollectionElements(CollectionExpressionSyntax collection)
    {
        var list = new List<ExpressionSyntax>();
        foreach (CollectionElementSyntax element in collection.Elements)
        {
            if (element is not ExpressionElementSyntax expression) return null;
            list.Add(expression.Expression);
        }

        return list;
    }
}
