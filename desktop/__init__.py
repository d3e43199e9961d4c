"""ASEAN Digital Atlas: desktop."""
