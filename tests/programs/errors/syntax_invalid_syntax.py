# Two expressions side by side are "invalid syntax".
print("start")
x = 1 2
