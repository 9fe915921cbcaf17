import sys

def memory_usage():
    import os, psutil
    process = psutil.Process(os.getpid())
    return process.memory_info().rss

print(f"Memory usage: {memory_usage()} bytes")
