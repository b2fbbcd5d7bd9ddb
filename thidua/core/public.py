"""Marks views that anyone may open without signing in. A test walks every URL and requires every other view
to send an anonymous visitor to the login page, so a forgotten ``login_required`` cannot ship."""


def public(view):
    view.is_public = True
    return view
