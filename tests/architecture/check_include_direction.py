#!/usr/bin/env python3
"""Fails when a folder includes a header from a folder above it in the data flow.

The layers, lowest first, are the folders of src/ and include/hotspot/ (mirrored in tests/);
docs/architecture.md says what each owns. A file may include headers of its own folder and
of any folder below it, never above. Every source file must sit in a known folder.

    check_include_direction.py [ROOT]     ROOT: the repository (default: this script's ../..)
Exit 0 when every include points down, 1 with one line per violation otherwise.
"""
import os
import re
import sys

# Lowest first. time/, decide/ and report/ are the homes of the coming analyses and products.
LAYERS = ["base", "detail", "read", "geo", "measure", "stats", "density", "time", "decide",
          "workflow", "publish", "report", "cli"]
RANK = {name: i for i, name in enumerate(LAYERS)}

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
SOURCE_ENDINGS = (".cpp", ".hpp", ".h", ".cc", ".hpp.in")


def included_layer(path):
    """The layer an include names: hotspot/<layer>/x.hpp (public) or <layer>/x.hpp (private)."""
    parts = path.split("/")
    if parts[0] == "hotspot" and len(parts) >= 3:
        return parts[1]
    if parts[0] == "hotspot":
        return "hotspot/"  # a public header outside every folder
    if len(parts) >= 2 and parts[0] in RANK:
        return parts[0]
    return None  # a system or third-party header


def files_with_layer(root):
    """(path relative to root, layer) for every source file that belongs to a layer."""
    for top in ("src", "include/hotspot", "tests"):
        base = os.path.join(root, top)
        if not os.path.isdir(base):
            continue
        for folder, _, names in os.walk(base):
            rel = os.path.relpath(folder, base)
            first = rel.split(os.sep)[0]
            for name in names:
                if not name.endswith(SOURCE_ENDINGS):
                    continue
                path = os.path.relpath(os.path.join(folder, name), root)
                if rel == ".":
                    if top == "tests":
                        continue  # tests/tests_main.cpp and friends belong to no layer
                    yield path, None
                elif top == "tests" and first not in RANK:
                    continue  # integration tests (realdata/, cli/, qgis/ ...) may use everything
                else:
                    yield path, first


def check(root):
    problems = []
    for path, layer in files_with_layer(root):
        if layer is None:
            problems.append(f"{path}: sits outside every folder; move it to one of {', '.join(LAYERS)}")
            continue
        if layer not in RANK:
            problems.append(f"{path}: unknown folder '{layer}'; add it to LAYERS here and to docs/architecture.md")
            continue
        with open(os.path.join(root, path), encoding="utf-8") as f:
            text = f.read()
        for match in INCLUDE.finditer(text):
            target = included_layer(match.group(1))
            if target is None:
                continue
            line = text.count("\n", 0, match.start()) + 1
            if target not in RANK:
                problems.append(f"{path}:{line}: includes {match.group(1)}, which is in no known folder")
            elif RANK[target] > RANK[layer]:
                problems.append(f"{path}:{line}: {layer}/ includes {match.group(1)} from {target}/, a folder "
                                f"above it (allowed: {', '.join(LAYERS[:RANK[layer] + 1])})")
    return problems


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    problems = check(os.path.abspath(root))
    for p in problems:
        print(p)
    if problems:
        print(f"include direction: {len(problems)} violation(s); see docs/architecture.md")
        return 1
    print("include direction: every include points down the flow")
    return 0


if __name__ == "__main__":
    sys.exit(main())
