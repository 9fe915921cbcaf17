# math.gamma, lgamma, erf and erfc agree with CPython to the last bit, including their domain and range errors.
import math
state = 12345
def rnd():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return (state >> 11) / 2**53
vals = [0.5, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 23.0, 24.0, 30.5, 100.5, 141.5, 171.5, -0.5, -2.5, -150.5, 1e-25, 0.25, 0.84375, 1.25, 2.86, 6.5, 27.9, 30.0]
vals += [rnd() * 16 - 8 for _ in range(150)] + [rnd() * 400 - 200 for _ in range(100)] + [(rnd() * 2 - 1) * 10.0 ** int(rnd() * 32 - 30) for _ in range(50)]
for v in vals:
    row = [repr(v)]
    for f in (math.gamma, math.lgamma, math.erf, math.erfc):
        try:
            row.append(repr(f(v)))
        except (ValueError, OverflowError) as e:
            row.append(type(e).__name__)
    print(*row)
for v in [0, 0.0, -0.0, -1, -2.0, 171.7, 1e308, math.inf, -math.inf, math.nan, 1e-320]:
    row = [repr(v)]
    for f in (math.gamma, math.lgamma, math.erf, math.erfc):
        try:
            row.append(repr(f(v)))
        except (ValueError, OverflowError) as e:
            row.append(type(e).__name__ + ": " + str(e))
    print(*row)
print(math.gamma(6.243983106458373e-16), 1601541809050803.25, 0.30000000000000004)
