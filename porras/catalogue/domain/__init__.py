"""Framework-free core of the service catalogue: taxonomy, search text, HSDS 3 model and mapping."""
