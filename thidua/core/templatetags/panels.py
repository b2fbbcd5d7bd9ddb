from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from thidua.core.panels import unit_panels_for, waiting_work_for

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_work(context):
    """``{% waiting_work as items %}``: what the registered apps say waits for the signed-in person."""
    request = context.get("request")
    return waiting_work_for(getattr(request, "user", None))


@register.simple_tag(takes_context=True)
def unit_panels(context, unit):
    """The registered panels of the unit page, each rendered from its own template (escaped there)."""
    request = context.get("request")
    html = SafeString("")
    for name, values in unit_panels_for(request, unit):
        html += render_to_string(name, {**values, "unit": unit}, request=request)
    return html
