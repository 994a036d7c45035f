#!/usr/bin/env python3
"""Folder dependency graph of src/MapGuard, and a check that it has no cycle.

Most public types live in namespace MapGuard whatever their folder, so `using` lines cannot tell folders apart.
Instead each top-level folder (Bounded/Policies counts as Bounded; files at the root form "(root)") is described by
the top-level types its files declare (declarations at column 0: file-scoped namespaces). Folder A depends on folder
B when code in A, with comments and string literals removed, names a type declared in B. Doc comments (crefs) are
removed with the other comments: they document, they do not make code depend.

Usage: tools/folder-deps/check.py [--graph] [root]
Prints the edges with --graph. Exits 1 and names the folders when the graph has a cycle, 0 otherwise. The edges in
ALLOWED are left out of the cycle search, each with its reason; the check prints them so they stay visible.
"""
import os
import re
import sys

DECL = re.compile(
    r"^(?:(?:public|internal|private|protected|static|sealed|abstract|partial|readonly|file|unsafe|ref|new)\s+)*"
    r"(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?|delegate\s+[\w<>\[\],.? ]+?)\s+([A-Z]\w*)",
    re.M)
# (from, to): why the edge may close a cycle.
ALLOWED = {
    ("(root)", "Internal"): "IConcurrentMap's default members (the contract, at the root) are written with the shared "
    "surface helpers in Internal, which are written against the contract: the two are one layer.",
}
IDENT = re.compile(r"[A-Za-z_]\w*")
# Comments, then string and char literals (verbatim, raw and interpolated strings treated as plain strings: the
# check only needs them gone, and MapGuard's interpolations name no types that matter here).
STRIP = re.compile(
    r'//[^\n]*|/\*.*?\*/|"""(?:.|\n)*?"""|@"(?:[^"]|"")*"|\$?"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)+\'',
    re.S)


def folder_of(rel):
    parts = rel.split(os.sep)
    return parts[0] if len(parts) > 1 else "(root)"


def load(root):
    files = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("bin", "obj", "buildTransitive"))
        for name in sorted(filenames):
            if name.endswith(".cs"):
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    files[os.path.relpath(path, root)] = STRIP.sub(" ", f.read())
    return files


def graph(root):
    files = load(root)
    owner = {}  # type name -> folders declaring it
    for rel, text in files.items():
        for name in DECL.findall(text):
            owner.setdefault(name, set()).add(folder_of(rel))
    edges = {}
    for rel, text in files.items():
        src = folder_of(rel)
        edges.setdefault(src, {})
        for ident in set(IDENT.findall(text)):
            for dst in owner.get(ident, ()):
                if dst != src:
                    edges[src].setdefault(dst, set()).add(ident)
    return edges


def cycles(edges):
    """Strongly connected components with more than one folder (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, {})):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def main(argv):
    show = "--graph" in argv
    args = [a for a in argv if not a.startswith("--")]
    here = os.path.dirname(os.path.abspath(__file__))
    root = args[0] if args else os.path.join(here, "..", "..", "src", "MapGuard")
    edges = graph(root)
    for (src, dst), reason in ALLOWED.items():
        if dst in edges.get(src, {}):
            print(f"allowed: {src} -> {dst}: {reason}")
    checked = {src: {dst: names for dst, names in dsts.items() if (src, dst) not in ALLOWED} for src, dsts in edges.items()}
    if show:
        for src in sorted(edges):
            for dst in sorted(edges[src]):
                print(f"{src} -> {dst}: {', '.join(sorted(edges[src][dst]))}")
    found = cycles(checked)
    for component in found:
        members = set(component)
        print("cycle among " + ", ".join(component) + ":")
        for src in component:
            for dst in sorted(checked[src]):
                if dst in members:
                    print(f"  {src} -> {dst}: {', '.join(sorted(checked[src][dst]))}")
    if found:
        return 1
    print(f"folder dependencies of {os.path.relpath(root)}: {sum(len(d) for d in edges.values())} edges, no cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
