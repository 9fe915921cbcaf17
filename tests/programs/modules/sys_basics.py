# sys module facts that are the same on every run: version, maxsize, argv, modules.
import sys
print(sys.version_info[:2], sys.version_info.major, sys.version_info.minor)
print(sys.version.startswith("3.11"), sys.version_info >= (3, 11), sys.version_info < (3, 12))
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1)
print(len(sys.argv), sys.argv[0].split("/")[-1])
print("sys" in sys.modules, "__main__" in sys.modules, sys.modules["__main__"].__name__)
print(type(sys.path).__name__, all(isinstance(p, str) for p in sys.path))
print(sys.byteorder, sys.platform)
print(type(sys.modules).__name__)
