# exit() with a code stops the script like sys.exit.
print("before exit")
exit(0)
print("not reached")
