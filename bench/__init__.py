"""Benchmarks: each prints partnerwire's time against a bare baseline from the same run."""
