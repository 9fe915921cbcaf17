# An exception without a message prints just its type name.
def stop():
    raise NotImplementedError
stop()
