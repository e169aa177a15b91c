from .models import ITEM_MODELS


class ItemKindConverter:
    """The kind of partnership row in a URL: partner, contribution, risk…"""

    regex = "|".join(ITEM_MODELS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        if value not in ITEM_MODELS:
            raise ValueError(value)
        return value
