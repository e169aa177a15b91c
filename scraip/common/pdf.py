"""The one way a page becomes a PDF: `render_pdf`, with every report extending pdf/base.html.

templates/pdf/base.html is the one print layout. A report template extends it and fills its
blocks: `title` (the <title>, which becomes the PDF's title), `running_title` (printed at the top
of every page), `author` and `description` (the PDF's metadata), `content` (the report), and
`status`, "draft" while the document is not final, so that DRAFT marks every page. The base
supplies the rest, styled by static/src/pdf.scss: the `lang`, the stylesheet, "Page X of Y",
table headers repeated on every page, rows never split, headings never hyphenated.

WeasyPrint lays out the HTML as tagged PDF/UA-1, so screen readers can read committee papers.
"""

from django.utils.text import slugify
from django_weasyprint.views import WeasyTemplateResponse

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def pdf_filename(*parts: str) -> str:
    """A download name from its parts: "scraip-review-of-partnerships.pdf"."""
    return "-".join(slugify(str(part))[:60] for part in parts if part) + ".pdf"


def render_pdf(request, template: str, context: dict, filename: str) -> WeasyTemplateResponse:
    """`template` (one extending pdf/base.html) rendered to a tagged PDF, shown in the browser
    rather than downloaded."""
    return WeasyTemplateResponse(
        request,
        template,
        context,
        filename=filename,
        attachment=False,
        options=PDF_OPTIONS,
    )
