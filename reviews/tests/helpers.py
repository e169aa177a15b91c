import html
import re


def page_text(response) -> str:
    """The page as a reader sees it: tags dropped, entities decoded, whitespace made single, and
    no space left before punctuation that follows a link ("Title, as Director")."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    text = " ".join(html.unescape(text).split())
    return re.sub(r" ([,;:.])", r"\1", text)
