# input() prints its prompt and reads a line from sys.stdin, here a stand-in object.
import sys
class FakeStdin:
    def __init__(self, lines):
        self.lines = lines
    def readline(self):
        return self.lines.pop(0) if self.lines else ""
sys.stdin = FakeStdin(["Ada\n", "36\n"])
name = input("name? ")
age = int(input("age? "))
print(f"hello {name}, next year you are {age + 1}")
try:
    input()
except EOFError as e:
    print("EOFError:", e)
