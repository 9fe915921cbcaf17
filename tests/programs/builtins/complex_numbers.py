# complex: literals, constructor forms, repr, arithmetic with CPython's formulas, comparisons, hash and errors.
def t(name, f):
    try: r = f(); print(name, '->', repr(r))
    except Exception as e: print(name, '!!', type(e).__name__, e)
import sys
vals = [1j, 2j, -1j, 0j, 1+2j, 1-2j, -1.5+0.25j, complex(0.0, -0.0), complex(-0.0, 0.0), complex(1e16, 1e-5), complex(float('inf'), float('nan')), 3.0+0j, 1e300j]
for v in vals:
    print(repr(v), str(v), v.real, v.imag, v.conjugate(), abs(v), bool(v), hash(v) if v == v else "nan")
a, b = 1+2j, 3-4j
print(a + b, a - b, a * b, a / b, a ** 2, a ** -2, a ** 0.5, a ** b, 2 ** a, a ** 100, a ** 101)
print(a + 1, 1 + a, a - 1.5, 1.5 - a, a * 2, 2 * a, a / 2, 2 / a, -a, +a, a == 1+2j, a != b, 1 == complex(1), 1.5 == complex(1.5, 0), a == 'x')
print(complex(), complex(1), complex(1.5, 2), complex(1, 2j), complex(1j, 2j), complex(1j), complex('1+2j'), complex(' (3-4.5j) '), complex('j'), complex('-j'), complex('1e3+1e-3j'), complex('inf-nanj'), complex(real=2, imag=3), complex(imag=1))
print(sys.getsizeof(1j), sys.getsizeof(complex(1, 2)), type(1j).__name__, isinstance(1j, complex), f"{1+2j}", format(1j, ''))
class C(complex): pass
print(C(1, 2), type(C(1, 2) + 1).__name__, C(3) == 3)
class Cx:
    def __complex__(self): return 5j
print(complex(Cx()))
t('1j < 2j', lambda: 1j < 2j)
t('1j // 2', lambda: 1j // 2)
t('1j % 2', lambda: 1j % 2)
t('1j / 0', lambda: 1j / 0)
t('0j ** -1', lambda: 0j ** -1)
t('0j ** 1j', lambda: 0j ** 1j)
big = 1e200+1e200j
t('big ** 2', lambda: big ** 2)
t("complex('1+')", lambda: complex('1+'))
t("complex('1 + 2j')", lambda: complex('1 + 2j'))
t("complex('x')", lambda: complex('x'))
t("complex('1', 2)", lambda: complex('1', 2))
t("complex(1, '2')", lambda: complex(1, '2'))
t("complex(None)", lambda: complex(None))
t("complex(1, None)", lambda: complex(1, None))
t("float(1j)", lambda: float(1j))
t("int(1j)", lambda: int(1j))
t("abs(complex(1e308, 1e308))", lambda: abs(complex(1e308, 1e308)))
t("hash(1+0j) == hash(1)", lambda: hash(1+0j) == hash(1))
t("{1j: 2}[1j]", lambda: {1j: 2}[1j])
t("round(1j)", lambda: round(1j))
t("sum([1j, 2, 3.5])", lambda: sum([1j, 2, 3.5]))
t("(1+2j).__complex__()", lambda: (1+2j).__complex__())
t("1j.__getnewargs__()", lambda: 1j.__getnewargs__())
