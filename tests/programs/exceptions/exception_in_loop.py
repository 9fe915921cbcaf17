# Exceptions handled inside a loop let the loop carry on.
data = ["1", "2", "x", "4", None, "6"]
total = 0
errors = []
for item in data:
    try:
        total += int(item)
    except ValueError as e:
        errors.append(f"ValueError({e})")
    except TypeError as e:
        errors.append(f"TypeError({e})")
print(total)
for line in errors:
    print(line)
