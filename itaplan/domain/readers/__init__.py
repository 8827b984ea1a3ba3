"""Small readers, one per shape of text agencies publish.

Each module reads one shape and knows nothing of the others, so the next shape
is a new file, not a longer class. Plain Python: no Django.
"""
