"""ASEAN Digital Atlas: resources."""
