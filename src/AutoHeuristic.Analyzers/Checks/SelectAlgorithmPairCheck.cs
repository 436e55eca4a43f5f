using System;
using System.Collections.Generic;
using AutoHeuristic.Analyzers.Analysis;
using AutoHeuristic.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoHeuristic.Analyzers.Checks;

/// <summary>
/// Rule 1 (AH2101–AH2105): each <c>AutoHeuristicSelectAlgorithm</c> needs an
/// <c>Autotuner.AutotuneSelectAlgorithm</c> call after it with the same name, the same, unchanged
/// choices collection and the same inputs, or collect mode silently records nothing. The call is
/// looked for after the construction in the same method, in a helper that method calls (its
/// parameters mapped to the arguments), and, when the selector's arguments are parameters, in
/// every caller after the call that passed them.
/// </summary>
internal static class SelectAlgorithmPairCheck
{
    /// <summary>
    /// Checks the selectors of <paramref name="summary"/> and those of the helpers it calls with
    /// its own name/choices/inputs (whose autotune call is then here).
    /// </summary>
    public static void CheckMethod(ProgramIndex index, MethodSummary summary, Action<Diagnostic> report)
    {
        foreach (HeuristicSite site in summary.Sites)
        {
            if (site.Kind == SiteKind.SelectAlgorithm) Check(index, summary, site, report);
        }

        foreach (MethodCall call in summary.Calls)
        {
            if (!index.Summaries.MayCreateSite(call.Target) || index.Summaries.Of(call.Target) is not { } callee || ReferenceEquals(callee, summary)) continue;
            foreach (HeuristicSite site in callee.Sites)
            {
                if (site.Kind == SiteKind.SelectAlgorithm && IsPassedIn(site, callee)) Check(index, callee, site, report);
            }
        }
    }

    private static bool IsPassedIn(HeuristicSite site, MethodSummary owner) =>
        IsParameterOf(site.Name.Value, owner) || IsParameterOf(site.Choices.Value, owner) || IsParameterOf(site.Inputs.Value, owner);

    private static void Check(ProgramIndex index, MethodSummary owner, HeuristicSite site, Action<Diagnostic> report)
    {
        var expected = new Expectation(
            new ArgumentFact(owner.ResolveConstant(site.Name.Value), site.Name.Location, site.Name.Operation),
            new ArgumentFact(owner.ResolveAlias(site.Choices.Value), site.Choices.Location, site.Choices.Operation),
            new ArgumentFact(owner.ResolveAlias(site.Inputs.Value), site.Inputs.Location, site.Inputs.Operation));
        if (TryPair(index, owner, expected, site.Position, site.Location, report)) return;

        if (IsPassedIn(site, owner))
        {
            var callers = index.Callers.Of(owner.Method);
            // A public entry point without callers here: code in other assemblies may call it and
            // autotune, but only while the selector lives on (returned or stored); one disposed or
            // dropped when the method returns can never be paired.
            if (callers.Count == 0 && IsExternallyVisible(owner.Method) && MayOutliveMethod(site, owner)) return;
            bool anyPaired = false;
            foreach (var (caller, call) in callers)
            {
                Expectation mapped = expected.MapInto(call);
                anyPaired |= TryPair(index, caller, mapped, call.Position, site.Location, report);
            }

            if (anyPaired) return;
        }

        report(Diagnostic.Create(DiagnosticDescriptors.NoMatchingAutotuneCall, DiagnosticLocations.Anchor(site), site.Name.Value.Display));
    }

    // Whether the selector object can still be subscribed after its method returns: it is returned,
    // stored in a field or property, or handed to another method (directly or through a local that
    // is not a `using` local).
    private static bool MayOutliveMethod(HeuristicSite site, MethodSummary owner)
    {
        IOperation? parent = site.Creation.Parent;
        while (parent is IConversionOperation) parent = parent.Parent;
        switch (parent)
        {
            case IReturnOperation:
            case IArgumentOperation:
            case ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation }:
                return true;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return !IsUsingDeclaration(declarator) && LocalEscapes(declarator.Symbol, owner, site.Creation);
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local }:
                return LocalEscapes(local.Local, owner, site.Creation);
            default:
                return false; // used in place (new …(…).GetChoiceCaller()) or dropped
        }
    }

    private static bool IsUsingDeclaration(IVariableDeclaratorOperation declarator) =>
        declarator.Parent is IVariableDeclarationOperation { Parent: IVariableDeclarationGroupOperation { Parent: IUsingDeclarationOperation } or IUsingOperation };

    private static bool LocalEscapes(ILocalSymbol local, MethodSummary owner, IOperation creation)
    {
        ValueRef reference = ValueRef.OfSymbol(ValueRefKind.Local, local);
        if (owner.Returns.Contains(reference)) return true;
        foreach (MethodCall call in owner.Calls)
        {
            foreach (ArgumentFact argument in call.Arguments.Values)
            {
                if (argument.Value.Equals(reference)) return true;
            }
        }

        IOperation root = creation;
        while (root.Parent is not null) root = root.Parent;
        foreach (IOperation operation in root.Descendants())
        {
            if (operation is ISimpleAssignmentOperation { Target: not ILocalReferenceOperation } assignment
                && ValueRef.From(assignment.Value).Equals(reference))
            {
                return true; // stored in a field, property, element or out parameter
            }
        }

        return false;
    }

    private static bool IsExternallyVisible(ISymbol symbol)
    {
        for (ISymbol? s = symbol; s is not null and not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (s.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)) return false;
        }

        return true;
    }

    private static bool IsParameterOf(ValueRef value, MethodSummary owner) =>
        value.Kind == ValueRefKind.Parameter && SymbolEqualityComparer.Default.Equals(value.Symbol?.ContainingSymbol, owner.Method);

    // Finds the autotune call that follows `after` in `owner` (directly or in a helper it calls)
    // and reports how it differs from `expected`. Line numbers (message text) are computed only
    // for a diagnostic that is reported.
    private static bool TryPair(ProgramIndex index, MethodSummary owner, Expectation expected, int after, Location siteLocation, Action<Diagnostic> report)
    {
        var candidates = new List<AutotuneCall>();
        foreach (AutotuneCall call in owner.AutotuneCalls)
        {
            if (call.Position > after) candidates.Add(call);
        }

        foreach (MethodCall call in owner.Calls)
        {
            if (call.Position <= after || !index.Summaries.MayAutotune(call.Target) || index.Summaries.Of(call.Target) is not { } callee || ReferenceEquals(callee, owner)) continue;
            foreach (AutotuneCall inner in callee.AutotuneCalls)
            {
                candidates.Add(new AutotuneCall(
                    MapArgument(inner.Name, callee, call), MapArgument(inner.Choices, callee, call), MapArgument(inner.Inputs, callee, call),
                    call.Position, call.Location));
            }
        }

        if (candidates.Count == 0) return false;
        AutotuneCall chosen = Choose(candidates, expected, owner);

        ValueRef expectedName = owner.ResolveConstant(expected.Name.Value);
        ValueRef actualName = owner.ResolveConstant(chosen.Name.Value);
        if (expectedName.IsKnown && actualName.IsKnown && !expectedName.Equals(actualName))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.AutotuneNameMismatch, chosen.Name.Location ?? chosen.Location,
                actualName.Display, DiagnosticLocations.Line(siteLocation), expectedName.Display));
        }

        ValueRef expectedChoices = owner.ResolveAlias(expected.Choices.Value);
        ValueRef actualChoices = owner.ResolveAlias(chosen.Choices.Value);
        if (expectedChoices.IsKnown && actualChoices.IsKnown && !expectedChoices.Equals(actualChoices))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.AutotuneChoicesMismatch, chosen.Choices.Location ?? chosen.Location,
                actualChoices.Display, DiagnosticLocations.Line(siteLocation), expectedChoices.Display));
        }
        else if (expectedChoices.IsKnown)
        {
            foreach (CollectionMutation mutation in owner.Mutations)
            {
                if (mutation.Position > after && mutation.Position < chosen.Position && !mutation.GuardedByCollectCheck
                    && owner.ResolveAlias(mutation.Target).Equals(expectedChoices))
                {
                    report(Diagnostic.Create(DiagnosticDescriptors.ChoicesMutatedBeforeAutotune, mutation.Location,
                        expectedChoices.Display, mutation.Description, DiagnosticLocations.Line(siteLocation), DiagnosticLocations.Line(chosen.Location)));
                }
            }
        }

        ValueRef expectedInputs = owner.ResolveAlias(expected.Inputs.Value);
        ValueRef actualInputs = owner.ResolveAlias(chosen.Inputs.Value);
        if (expectedInputs.IsKnown && actualInputs.IsKnown && !expectedInputs.Equals(actualInputs))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.AutotuneInputsMismatch, chosen.Inputs.Location ?? chosen.Location,
                actualInputs.Display, DiagnosticLocations.Line(siteLocation), expectedInputs.Display));
        }

        return true;
    }

    // The call "that should follow": the one with the same choices, else the same name, else the first.
    private static AutotuneCall Choose(List<AutotuneCall> candidates, Expectation expected, MethodSummary owner)
    {
        candidates.Sort((a, b) => a.Position.CompareTo(b.Position));
        ValueRef choices = owner.ResolveAlias(expected.Choices.Value);
        foreach (AutotuneCall call in candidates)
        {
            if (choices.IsKnown && owner.ResolveAlias(call.Choices.Value).Equals(choices)) return call;
        }

        ValueRef name = owner.ResolveConstant(expected.Name.Value);
        foreach (AutotuneCall call in candidates)
        {
            if (name.IsKnown && owner.ResolveConstant(call.Name.Value).Equals(name)) return call;
        }

        return candidates[0];
    }

    // An argument of an autotune call inside a helper, seen from the helper's caller: its
    // parameters become the caller's arguments; anything else stays as it is.
    private static ArgumentFact MapArgument(ArgumentFact inner, MethodSummary callee, MethodCall call)
    {
        ValueRef value = callee.ResolveConstant(callee.ResolveAlias(inner.Value));
        if (value.Kind == ValueRefKind.Parameter && value.Symbol is IParameterSymbol parameter
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, callee.Method))
        {
            return call.Arguments.TryGetValue(parameter.Ordinal, out ArgumentFact outer)
                ? new ArgumentFact(outer.Value, outer.Location, outer.Operation)
                : new ArgumentFact(ValueRef.Unknown(parameter.Name), call.Location, null);
        }

        // A helper's own local means nothing in the caller: compare it as unknown, but keep constants.
        return value.Kind == ValueRefKind.Constant ? new ArgumentFact(value, call.Location, null) : new ArgumentFact(ValueRef.Unknown(value.Display), call.Location, null);
    }

    private readonly struct Expectation
    {
        public Expectation(ArgumentFact name, ArgumentFact choices, ArgumentFact inputs)
        {
            Name = name;
            Choices = choices;
            Inputs = inputs;
        }

        public ArgumentFact Name { get; }

        public ArgumentFact Choices { get; }

        public ArgumentFact Inputs { get; }

        // The selector's arguments that are parameters of its method, seen from a caller.
        public Expectation MapInto(MethodCall call) => new(Map(Name, call), Map(Choices, call), Map(Inputs, call));

        private static ArgumentFact Map(ArgumentFact fact, MethodCall call)
        {
            if (fact.Value.Kind == ValueRefKind.Parameter && fact.Value.Symbol is IParameterSymbol parameter
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, call.Target)
                && call.Arguments.TryGetValue(parameter.Ordinal, out ArgumentFact outer))
            {
                return outer;
            }

            return fact.Value.Kind == ValueRefKind.Constant ? fact : new ArgumentFact(ValueRef.Unknown(fact.Value.Display), fact.Location, fact.Operation);
        }
    }
}
