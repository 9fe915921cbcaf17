# A triple-quoted string that never ends.
doc = """starts here
and never
ends
