# C3 linearisation of a larger hierarchy.
class O: pass
class F(O): pass
class E(O): pass
class Dd(O): pass
class C(Dd, F): pass
class B(Dd, E): pass
class A(B, C): pass
print(" ".join(k.__name__ for k in A.__mro__))
class K1(O): pass
class K2(O): pass
class K3(O): pass
class L1(K1, K2): pass
class L2(K3, K2): pass
class M(L1, L2, K3): pass
print(" ".join(k.__name__ for k in M.__mro__))
