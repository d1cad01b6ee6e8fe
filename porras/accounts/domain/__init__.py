"""Framework-free logic of the accounts app."""
