# sys.exit inside nested calls runs finally blocks on the way out.
import sys
def inner():
    try:
        sys.exit(7)
    finally:
        print("inner finally")
def outer():
    try:
        inner()
    finally:
        print("outer finally")
outer()
