# Article sample 4 (verbatim): gc.collect() then print gc.garbage.
import gc

gc.collect()  # Forces garbage collection

print(gc.garbage)  # Lists objects that could not be freed
