"""Demo action plans, led by Maidstone's 2007 "Review of Partnerships" SCRAIP (seed 001), and a
few recent plans in other states. The wording of every recommendation and response is our own
paraphrase.
"""

from .loader import load_plan
from .recent import recent_plans
from .seed import PARTNERSHIPS

__all__ = ["PARTNERSHIPS", "load_plan", "recent_plans"]
