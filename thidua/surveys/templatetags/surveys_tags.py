from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``errors|get_item:code`` — a dict lookup by a variable key."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
