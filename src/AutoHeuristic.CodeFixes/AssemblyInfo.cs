// AutoHeuristic.CodeFixes; see README.md for the layout.
