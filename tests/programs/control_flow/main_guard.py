# The if __name__ == "__main__" guard runs in the script being executed.
def main():
    print("main ran, __name__ is", __name__)
if __name__ == "__main__":
    main()
else:
    print("imported")
