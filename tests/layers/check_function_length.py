#!/usr/bin/python3
"""Fails when a function body in the given source folders is longer than the limit.

A function is a line that ends in '{', has a parameter list and is not a control statement, a
type or namespace, a lambda or a raw string; its length runs from the first line of its
signature to its closing brace (clang-formatted code: braces are counted outside strings and
comments). Usage: check_function_length.py LIMIT FOLDER...
"""
import os
import re
import sys

CONTROL = re.compile(r'^\s*(if|for|while|switch|else|do|catch|try|return|case|default)\b')
TYPE = re.compile(r'^\s*(namespace|struct|class|enum|union|extern)\b')


def code_of(line):
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])*'", "''", line)
    return line.split('//')[0]


def is_function_start(line, signature):
    if not line.endswith('{') or CONTROL.match(line) or TYPE.match(line) or 'R"' in line:
        return False
    if '(' not in signature or ')' not in signature:
        return False
    if re.search(r'=\s*\[|\]\s*\(|\b(if|for|while|switch)\s*\(', signature):
        return False  # a lambda or a control statement split over lines
    return '[' not in line.split('(')[0]


def without_raw_strings(text):
    """Blanks the contents of R"(...)" literals, keeping their line breaks."""
    return re.sub(r'R"([^(\s]*)\((.*?)\)\1"',
                  lambda m: 'R""' + '\n' * m.group(0).count('\n'), text, flags=re.S)


def functions(path):
    text = without_raw_strings(open(path, encoding='utf-8', errors='replace').read())
    lines = [code_of(l) for l in text.split('\n')]
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        start = i
        while start > 0 and lines[start - 1].strip() and \
                not lines[start - 1].rstrip().endswith((';', '{', '}', ':')) and \
                not lines[start - 1].strip().startswith('#'):
            start -= 1
        signature = ' '.join(l.strip() for l in lines[start:i + 1])
        if is_function_start(line, signature):
            depth, end = 0, i
            while end < len(lines):
                depth += lines[end].count('{') - lines[end].count('}')
                if depth <= 0:
                    break
                end += 1
            yield end - start + 1, start + 1, signature[:80]
            i = end
        i += 1


def main():
    limit = int(sys.argv[1])
    too_long = []
    for folder in sys.argv[2:]:
        for root, _, files in os.walk(folder):
            for name in sorted(files):
                if name.endswith(('.cpp', '.h')):
                    path = os.path.join(root, name)
                    too_long += [(n, path, line, sig) for n, line, sig in functions(path) if n > limit]
    for n, path, line, sig in sorted(too_long, reverse=True):
        print(f'{path}:{line}: {n} lines (limit {limit}): {sig}')
    if too_long:
        print(f'{len(too_long)} function(s) longer than {limit} lines: split them into named steps')
        return 1
    print(f'every function in {" ".join(sys.argv[2:])} fits in {limit} lines')
    return 0


if __name__ == '__main__':
    sys.exit(main())
