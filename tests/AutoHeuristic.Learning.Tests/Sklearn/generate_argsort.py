"""Writes numpy_argsort.txt: tie-heavy float64 arrays and numpy.argsort(kind="quicksort") of each.

Run with Debian's python3-numpy (1.24): /usr/bin/python3 generate_argsort.py > numpy_argsort.txt
Each line: the values (space separated; inf and nan as numpy prints them), " | ", the order.
"""
import numpy as np

print(f"# numpy {np.__version__}: argsort(kind='quicksort') of float64 arrays with many equal values")
rng = np.random.RandomState(7)
for trial in range(300):
    n = int(rng.randint(1, 90))
    values = rng.randint(0, int(rng.randint(1, 6)), n).astype(np.float64) / 4
    if trial % 3 == 0:
        values[rng.rand(n) < 0.15] = np.inf
    if trial % 7 == 0:
        values[rng.rand(n) < 0.1] = np.nan
    order = np.argsort(values, kind="quicksort")
    print(" ".join(repr(float(v)) for v in values), "|", " ".join(str(int(i)) for i in order))
