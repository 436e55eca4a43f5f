// The run-time half of AutoHeuristic; see README.md for the layout.
