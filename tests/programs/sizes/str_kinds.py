# str sizes depend on the widest character: ASCII, Latin-1, UCS-2 or UCS-4.
import sys
for s in ["", "a", "abc", "x" * 100, "é", "éé", "café", "Ā", "€uro", "€" * 10, "😀", "😀😀", "a😀"]:
    print(len(s), sys.getsizeof(s))
