# except Exception does not catch SystemExit or KeyboardInterrupt; BaseException does.
import sys
try:
    try:
        sys.exit(4)
    except Exception:
        print("not here")
except SystemExit as e:
    print("SystemExit with code", e.code)
try:
    raise KeyboardInterrupt
except BaseException as e:
    print("caught", type(e).__name__)
try:
    raise GeneratorExit("ge")
except Exception:
    print("not here")
except BaseException as e:
    print("BaseException caught", repr(e))
