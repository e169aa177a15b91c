"""The span a vague date covers, for comparing plans written as "Mid/Late November 2014".

scraip.fuzzydates stores the first day a vague date could mean; a session "in December 2014" may
still come before a meeting on 9 December, so comparisons need the last day it could mean too.
"""

import calendar
import datetime

from scraip.common.fuzzydates import Precision

# The last day of each part of a month; None is the month's end.
PART_END = {
    Precision.EARLY: 10,
    Precision.MID: 20,
    Precision.MID_LATE: None,
    Precision.LATE: None,
    Precision.MONTH: None,
}


def latest_day(date: datetime.date, precision: str) -> datetime.date:
    if precision == Precision.DAY:
        return date
    month_end = calendar.monthrange(date.year, date.month)[1]
    return date.replace(day=PART_END.get(precision) or month_end)
