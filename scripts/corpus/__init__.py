"""Helpers of scripts/build_corpus: source loading, rendering, ground truth."""
