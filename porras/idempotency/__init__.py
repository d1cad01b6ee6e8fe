"""``Idempotency-Key`` for every POST that writes, REST and FHIR alike: one mechanism, one table."""
