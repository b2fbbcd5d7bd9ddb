from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


class PreferredLanguageMiddleware:
    """Vietnamese unless the person chose otherwise.

    Django's LocaleMiddleware follows the browser's Accept-Language, and many office computers here run an English
    browser; the product's language is Vietnamese first, so only an explicit choice (the language cookie set by the
    switcher) changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class PasswordChangeRequiredMiddleware:
    """While someone else's password is in force, a person can only replace it (or sign out).

    An officer sets the first password of every account and any reset one (the user's ``must_change_password``).
    Pages redirect to the password change; the API refuses the session with 403 and a message. Only the
    password pages, sign-in and sign-out and the language switcher stay open (the home page is public but shows
    the person's work once signed in); static files are served before this middleware runs.
    """

    API_PREFIX = "/api/"
    ALLOWED_URL_NAMES = {"password_change", "password_change_done", "login", "logout", "set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not getattr(user, "must_change_password", False):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in self.ALLOWED_URL_NAMES:
            return None
        if request.path_info.startswith(self.API_PREFIX):
            return JsonResponse(
                {"detail": _("Change your password in the web interface before using the API.")}, status=403
            )
        return redirect("password_change")
