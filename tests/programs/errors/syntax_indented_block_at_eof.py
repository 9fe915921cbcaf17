# A block header at the very end of a script: CPython reports the last line without a caret.
def main():
    return 1

class Empty:
