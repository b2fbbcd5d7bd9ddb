"""Layout helpers shared by every app's templates."""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

register = template.Library()


class WideTableNode(template.Node):
    def __init__(self, nodelist, label):
        self.nodelist = nodelist
        self.label = label

    def render(self, context):
        label = self.label.resolve(context) if self.label is not None else _("Table, scrolls sideways")
        return render_to_string(
            "includes/wide_table.html", {"label": label, "table": self.nodelist.render(context)}
        )


@register.tag
def widetable(parser, token):
    """``{% widetable %}`` or ``{% widetable _("Units") %}<table class="table">…</table>{% endwidetable %}``: a table wider than a phone.

    The table scrolls sideways inside its own labelled, keyboard-focusable region (never the whole page) with its
    first column fixed; see ``includes/wide_table.html`` and ``.table-wrap`` in ``static/css/app.css``.
    """
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("widetable takes at most one argument: the region's label")
    nodelist = parser.parse(("endwidetable",))
    parser.delete_first_token()
    return WideTableNode(nodelist, parser.compile_filter(bits[1]) if len(bits) == 2 else None)


@register.simple_tag
def object_history(obj):
    """``{% object_history obj as history %}``: the audit entries about ``obj``, oldest first, each with its
    readable sentence (``includes/history.html``)."""
    from thidua.core.audit import audit_history, describe

    return [(entry, describe(entry)) for entry in audit_history(obj)]
