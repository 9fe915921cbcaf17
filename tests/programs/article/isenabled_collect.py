# Article sample 7 (verbatim): report whether the collector is enabled, then collect.
import gc

print("Garbage collection enabled:", gc.isenabled())
gc.collect()
