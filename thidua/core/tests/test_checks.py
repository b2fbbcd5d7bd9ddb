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


def test_the_deploy_check_is_clean_in_production_mode():
    """``manage.py check --deploy`` with the production environment of .env.example: no warning, no error."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DEBUG", "DJANGO_", "APP_ENV", "SECRET_KEY", "ALLOWED_HOSTS"))
    }
    environment |= {
        "APP_ENV": "production",
        "SECRET_KEY": "a-real-production-key-" + "x7Qp2Lm9" * 6,
        "ALLOWED_HOSTS": "thidua.longphu.gov.vn",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
