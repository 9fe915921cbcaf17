# math constants and exact functions: floor, ceil, trunc, gcd, lcm, factorial, isqrt, comb, perm.
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.trunc(-2.7))
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(12, 18, 27), math.lcm(4, 6))
print(math.factorial(0), math.factorial(20), math.factorial(30))
print(math.isqrt(99), math.isqrt(10 ** 20))
print(math.comb(10, 3), math.perm(5, 2), math.comb(52, 5))
print(math.sqrt(16), math.sqrt(2), math.fabs(-3), math.copysign(2, -0.0))
print(math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.isnan(math.nan), math.isinf(-math.inf), math.isfinite(1e308))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1, rel_tol=0.2))
print(math.modf(3.5), math.frexp(8.0), math.ldexp(0.5, 4))
print(type(math.floor(2.5)).__name__, math.floor(10 ** 20 + 0.5) == 10 ** 20)
