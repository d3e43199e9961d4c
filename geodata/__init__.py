"""ASEAN Digital Atlas: geodata."""
