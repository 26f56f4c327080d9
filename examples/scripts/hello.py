#!/usr/bin/env python3
"""A script as an AI assistant might write it: runs in the sandbox with `-Dsandbox.script=hello.py`."""
import sys

print("Hello from a sandboxed Python script, arguments", sys.argv[1:])
