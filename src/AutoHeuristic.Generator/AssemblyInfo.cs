// AutoHeuristic.Generator; see README.md for the layout.
