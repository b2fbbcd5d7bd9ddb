from django import template

from thidua.core.pdf import pdf_available as _pdf_available

register = template.Library()


@register.simple_tag
def pdf_available() -> bool:
    """``{% pdf_available as can_pdf %}``: may pages offer a PDF beside each DOCX (LibreOffice installed)?"""
    return _pdf_available()
