"""Benchmarks for developers (not shipped): page budgets, the load benchmark, the handbook PDF, digests."""
