// AutoHeuristic.Cuda; see README.md for the layout.
