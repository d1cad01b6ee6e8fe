"""Finnish: 5.3.2026, 5.3.2026 14.30 (see porras/web/formats/__init__.py)."""

DATE_FORMAT = "j.n.Y"
SHORT_DATE_FORMAT = "j.n.Y"
DATETIME_FORMAT = "j.n.Y H.i"
SHORT_DATETIME_FORMAT = "j.n.Y H.i"
TIME_FORMAT = "H.i"
MONTH_DAY_FORMAT = "j.n."
YEAR_MONTH_FORMAT = "n/Y"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d.%m.%Y %H.%M", "%d.%m.%Y"]
FIRST_DAY_OF_WEEK = 1
