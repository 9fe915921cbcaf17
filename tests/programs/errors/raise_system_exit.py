# raise SystemExit(n) behaves like sys.exit(n); exit() does the same.
print("start")
try:
    raise SystemExit(5)
except SystemExit as e:
    print("caught code", e.code)
exit(2)
