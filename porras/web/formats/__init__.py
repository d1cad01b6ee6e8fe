"""One date format for the whole site, in every language (``FORMAT_MODULE_PATH``).

Finnish and Finland-Swedish usage (Kielitoimisto; Svenska språkbyrån i Finland) writes a date as
5.3.2026 and a time as 14.30; the English pages, used in Finland, show the same date, so that a
date reads the same whichever language a colleague has chosen. Templates write ``{{ value|date }}``
(or ``|date:"SHORT_DATE_FORMAT"``) and ``{{ value|date:"DATETIME_FORMAT" }}``, never a pattern of
their own; CSV, XLSX, JSON and FHIR keep ISO 8601.
"""
