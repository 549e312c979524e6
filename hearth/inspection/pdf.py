"""PDFs of Hearth's printable pages, made by WeasyPrint from the same Jinja2 template the page uses."""

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string

PRINT_CSS = settings.BASE_DIR / "hearth" / "static" / "hearth" / "print-report.css"


def render_pdf(request: HttpRequest, template: str, context: dict) -> bytes:
    """Render the template to HTML and the HTML to PDF; the stylesheet is read from disk, never fetched."""
    from weasyprint import CSS, HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=str(PRINT_CSS))])
