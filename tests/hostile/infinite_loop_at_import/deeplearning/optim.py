"""Hostile: the import itself never finishes."""
while True:
    pass
