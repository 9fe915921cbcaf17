# with: two items nest, the targets are stored inside the protected region, and a
# return inside the body calls __exit__(None, None, None) before leaving.
def copy(src, dst):
    with open(src) as f, open(dst, "w") as g:
        return g.write(f.read())
