# yield from delegates to sub-iterables and sub-generators.
def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain([1, 2], "ab", range(3), (x * 10 for x in range(2)))))
def tree(node):
    value, children = node
    yield value
    for child in children:
        yield from tree(child)
t = (1, [(2, [(4, [])]), (3, [])])
print(list(tree(t)))
def flatten(lst):
    for item in lst:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, 4], []], [[5]]])))
