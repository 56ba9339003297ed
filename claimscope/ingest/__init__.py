"""Readers that turn files, directories and standard input into ``Article``s or ``Rejection``s."""

from claimscope.ingest.readers import read_inputs, read_stdin

__all__ = ["read_inputs", "read_stdin"]
