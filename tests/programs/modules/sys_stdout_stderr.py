# sys.stdout.write returns the length written; sys.stderr receives error output.
import sys
n = sys.stdout.write("written directly\n")
print(n)
sys.stderr.write("this goes to stderr\n")
print("to stderr via print", file=sys.stderr)
sys.stdout.write("no newline")
sys.stdout.write("\n")
sys.stdout.flush()
print(sys.stdout is sys.__stdout__)
