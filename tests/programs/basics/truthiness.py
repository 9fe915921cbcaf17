# Truth values of the built-in types.
values = [0, 1, -1, 0.0, 0.5, "", "a", [], [0], (), (0,), {}, {0: 0}, set(), None, True, False, range(0), range(2)]
for v in values:
    print(repr(v), bool(v), "yes" if v else "no")
