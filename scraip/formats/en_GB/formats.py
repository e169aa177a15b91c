# UK conventions: "23 November 2026", times on the 24-hour clock.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"]
FIRST_DAY_OF_WEEK = 1
