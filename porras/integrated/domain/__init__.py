"""Integrated care duties of the sote centre (docs/product.md §6 K), framework-free."""
