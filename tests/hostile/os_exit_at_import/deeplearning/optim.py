"""Hostile: kills the interpreter at import, bypassing every exception handler."""
import os

os._exit(0)
