"""Uploaded evidence: the type is decided by the content, never by the name; the size is capped by a setting.

Files go to private storage under MEDIA_ROOT, which no URL serves directly; views hand them out through
``private_file_response`` after checking access.
"""

import os
import secrets
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.functional import cached_property
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    code: str
    extension: str
    content_type: str
    is_image: bool = False


PDF = FileKind("pdf", "pdf", "application/pdf")
PNG = FileKind("png", "png", "image/png", is_image=True)
JPEG = FileKind("jpeg", "jpg", "image/jpeg", is_image=True)
WEBP = FileKind("webp", "webp", "image/webp", is_image=True)
DOCX = FileKind("docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

DOCUMENT_KINDS = (PDF, PNG, JPEG, WEBP, DOCX, XLSX)
IMAGE_KINDS = (PNG, JPEG, WEBP)
KINDS_BY_CONTENT_TYPE = {kind.content_type: kind for kind in DOCUMENT_KINDS}


def name_for_kind(name: str, kind: FileKind) -> str:
    """The uploader's file name with the extension of what the file *is*: a JPEG sent as "x.html" is "x.jpg".

    A name whose extension lies would otherwise be opened by the downloader's system as that type.
    """
    stem = os.path.basename(name.replace("\\", "/")).strip()
    stem, _dot, _extension = stem.rpartition(".") if "." in stem else (stem, "", "")
    stem = stem.strip(" .") or "file"
    return f"{stem}.{kind.extension}"


def sniff(uploaded) -> FileKind | None:
    """The kind of file the bytes are, or None when they are none of the kinds we accept."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            uploaded.seek(0)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return XLSX
    return None


def validate_upload(
    uploaded, allowed: tuple[FileKind, ...] = DOCUMENT_KINDS, max_bytes: int | None = None
) -> FileKind:
    """Check size and content; return the detected kind or raise ValidationError with a Vietnamese message."""
    limit = max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES
    if uploaded.size is None or uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    kind = sniff(uploaded)
    if kind is None or kind not in allowed:
        accepted = ", ".join(k.extension.upper() for k in allowed)
        raise ValidationError(
            _("The file's content is not an accepted type (%(accepted)s), whatever its name says.")
            % {"accepted": accepted},
            code="bad_type",
        )
    return kind


class PrivateStorage(FileSystemStorage):
    """Files under MEDIA_ROOT/private, with no public URL."""

    def __init__(self, **kwargs):
        super().__init__(base_url=None, **kwargs)

    @cached_property
    def base_location(self):
        # Read MEDIA_ROOT when first used, and again after it changes (tests override it), not at import time.
        return os.path.join(settings.MEDIA_ROOT, "private")

    def url(self, name):
        raise ValueError("private files have no public URL; serve them through a view that checks access")


private_storage = PrivateStorage()


def private_upload_path(prefix: str, kind: FileKind) -> str:
    """A random, unguessable storage name that keeps nothing of the uploader's file name."""
    token = secrets.token_hex(16)
    return f"{prefix}/{token[:2]}/{token}.{kind.extension}"


def private_file_response(
    field_file, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    """Stream a private file; Django encodes the name safely (RFC 6266 / 5987) in Content-Disposition.

    The name's extension always follows the stored content type, also for files stored before names were
    corrected on upload.
    """
    kind = KINDS_BY_CONTENT_TYPE.get(content_type)
    if kind is not None:
        filename = name_for_kind(filename, kind)
    response = FileResponse(
        field_file.open("rb"), as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "private, no-store"
    return response
