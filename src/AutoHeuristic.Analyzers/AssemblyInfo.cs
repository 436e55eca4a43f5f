// AutoHeuristic.Analyzers; see README.md for the layout.
