"""Framework-free logic of digital care at steps 0 and 1: programmes as data, suitability, progress."""
