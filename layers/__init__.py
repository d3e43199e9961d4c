"""ASEAN Digital Atlas: layers."""
