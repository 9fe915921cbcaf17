# The deterministic parts of time: types, monotonic order, gmtime(0) and strftime.
import time
t = time.time()
print(type(t).__name__, t > 1_600_000_000)
a = time.monotonic()
time.sleep(0.001)
b = time.monotonic()
print(b >= a, type(time.perf_counter()).__name__, type(time.time_ns()).__name__)
epoch = time.gmtime(0)
print(epoch.tm_year, epoch.tm_mon, epoch.tm_mday, epoch.tm_hour, epoch.tm_wday, epoch.tm_yday)
print(tuple(time.gmtime(86400 * 365)))
print(time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(1_000_000_000)))
print(time.gmtime(1_000_000_000))
