"""PDF copies of the official documents, converted from their DOCX by LibreOffice.

``docx_to_pdf`` is a pure function (bytes in, bytes out) so a background job can call it as well as a view. Each
conversion runs ``soffice --headless`` with its own user profile directory: LibreOffice refuses to start a second
instance on a profile in use, so a shared profile would make parallel conversions fail or wait.
"""

import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 60
PDF_CONTENT_TYPE = "application/pdf"


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed here, so documents cannot be converted to PDF."""


class PdfConversionFailed(RuntimeError):
    """LibreOffice ran but gave no PDF (a crash, a timeout, a file it could not read)."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return soffice_path() is not None


def docx_to_pdf(docx_bytes: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The PDF rendering of a DOCX document. Raises PdfUnavailable or PdfConversionFailed."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable("LibreOffice (soffice) is not installed; install libreoffice-writer-nogui.")
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as workdir:
        work = Path(workdir)
        source = work / "document.docx"
        source.write_bytes(docx_bytes)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        # Own process group, so a timeout also ends the soffice.bin child that the launcher starts.
        process = subprocess.Popen(  # noqa: S603 - fixed command, no shell, our own file names
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            env={**os.environ, "HOME": workdir},
        )
        try:
            _output, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfConversionFailed(f"LibreOffice took longer than {timeout} s") from error
        result = work / "document.pdf"
        if process.returncode != 0 or not result.exists():
            message = errors.decode(errors="replace").strip()[-500:]
            raise PdfConversionFailed(f"LibreOffice exited with {process.returncode}: {message}")
        return result.read_bytes()


def pdf_response(request: HttpRequest, docx_bytes: bytes, filename: str) -> HttpResponse:
    """The PDF of a document as a download, or a page saying PDF is unavailable (503), never a server error."""
    try:
        content = docx_to_pdf(docx_bytes)
    except (PdfUnavailable, PdfConversionFailed) as error:
        logger.warning("PDF conversion of %s failed: %s", filename, error)
        return render(request, "core/pdf_unavailable.html", status=503)
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
