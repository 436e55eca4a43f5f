// AutoHeuristic.Learning; see README.md for the layout.
