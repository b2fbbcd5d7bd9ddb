from thidua.core.checks import production_configuration_is_safe


def error_ids(settings):
    return sorted(error.id for error in production_configuration_is_safe(None))


def test_development_configuration_passes(settings):
    settings.APP_ENV = "development"
    assert error_ids(settings) == []


def test_production_refuses_default_key_debug_and_empty_hosts(settings):
    settings.APP_ENV = "production"
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = []
    assert error_ids(settings) == ["thidua.E001", "thidua.E002", "thidua.E003"]


def test_production_with_a_real_key_and_hosts_passes(settings):
    settings.APP_ENV = "production"
    settings.SECRET_KEY = "k" * 50
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["thidua.longphu.gov.vn"]
    assert error_ids(settings) == []
