"""Input errors: one exception type per kind of bad input, each with its own exit code.

Messages are one line, bilingual (Dutch first), and name the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ivpcheck.model.paths import display_path


class IvpcheckError(Exception):
    """Base class for every error ivpcheck reports without a traceback."""

    exit_code = 2
    category = "error"
    message_nl = "kan niet worden verwerkt"
    message_en = "cannot be processed"

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = display_path(path)
        self.detail = detail
        super().__init__(self.one_line())

    def __reduce__(self) -> tuple[type[IvpcheckError], tuple[str, str]]:
        """Pickle by path and detail, so that an error crosses from a worker process intact."""
        return type(self), (self.path, self.detail)

    def one_line(self) -> str:
        """The one-line message shown to the user."""
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.path}: {self.message_nl} / {self.message_en}{extra}"


class UsageError(IvpcheckError):
    """Bad options or configuration (exit 2)."""

    exit_code = 2
    category = "usage"
    message_nl = "ongeldige invoer of instelling"
    message_en = "invalid option or setting"


class InternalError(IvpcheckError):
    """A bug met while checking one file (exit 2); the other files are still checked."""

    category = "internal"
    message_nl = "interne fout"
    message_en = "internal error"


class WaiverFileError(UsageError):
    """A waiver file that cannot be read or validated (exit 2, like every configuration error).

    `ivpcheck batch` records a plan whose sidecar waiver file is broken under this category.
    """

    category = "waivers"
    message_nl = "ongeldig vrijstellingenbestand"
    message_en = "invalid waiver file"


class ReviewFileError(UsageError):
    """A review file (an advisor's verdicts) that cannot be read or validated (exit 2)."""

    category = "review"
    message_nl = "ongeldig beoordelingsbestand"
    message_en = "invalid review file"


class FileMissingError(IvpcheckError):
    exit_code = 10
    category = "missing"
    message_nl = "bestand niet gevonden"
    message_en = "file not found"


class EmptyFileError(IvpcheckError):
    exit_code = 11
    category = "empty"
    message_nl = "bestand is leeg (0 bytes)"
    message_en = "file is empty (0 bytes)"


class NoTextError(EmptyFileError):
    """A readable document without any text (a DOCX or text file that only looks filled): exit 11."""

    message_nl = "document bevat geen tekst"
    message_en = "document contains no text"


class UnsupportedFormatError(IvpcheckError):
    exit_code = 12
    category = "unsupported"
    message_nl = "bestandsformaat wordt niet ondersteund (wel: PDF, DOCX, HTML, TXT, MD)"
    message_en = "unsupported file format (supported: PDF, DOCX, HTML, TXT, MD)"


class NotAPdfError(IvpcheckError):
    exit_code = 13
    category = "not_pdf"
    message_nl = "heet .pdf maar is geen PDF-bestand"
    message_en = "is named .pdf but is not a PDF file"


class CorruptFileError(IvpcheckError):
    exit_code = 14
    category = "corrupt"
    message_nl = "bestand is beschadigd en kan niet worden gelezen"
    message_en = "file is corrupt and cannot be read"


class TruncatedFileError(CorruptFileError):
    """A file cut off before its end (a download that stopped): exit 14 like any unreadable file."""

    message_nl = "bestand is afgebroken: het einde ontbreekt (een onvolledige download?)"
    message_en = "file is truncated: its end is missing (an incomplete download?)"


class EncryptedFileError(IvpcheckError):
    exit_code = 15
    category = "encrypted"
    message_nl = "PDF is beveiligd met een wachtwoord; lever een onbeveiligde versie aan"
    message_en = "PDF is password-protected; provide an unprotected copy"


class NoTextLayerError(IvpcheckError):
    exit_code = 16
    category = "scan"
    message_nl = (
        "PDF heeft geen tekstlaag (een scan?); installeer tekstherkenning "
        "(apt-get install tesseract-ocr tesseract-ocr-nld) en gebruik --ocr auto"
    )
    message_en = (
        "PDF has no text layer (a scan?); install OCR "
        "(apt-get install tesseract-ocr tesseract-ocr-nld) and use --ocr auto"
    )


class NotAnIvpError(IvpcheckError):
    exit_code = 17
    category = "not_ivp"
    message_nl = "dit document is geen integraal veiligheidsplan; gebruik --force om toch te scoren"
    message_en = "this document is not an integral safety plan; use --force to score it anyway"


class ProcessingTimeoutError(IvpcheckError):
    exit_code = 18
    category = "timeout"
    message_nl = "verwerking duurde te lang en is afgebroken"
    message_en = "processing took too long and was stopped"


class OutOfMemoryError(IvpcheckError):
    """A file whose check needed more memory than the worker's limit (`check --max-memory`): exit 21."""

    exit_code = 21
    category = "memory"
    message_nl = "verwerking vroeg te veel geheugen en is afgebroken"
    message_en = "processing needed too much memory and was stopped"


class CorruptDatabaseError(IvpcheckError):
    """A batch database SQLite cannot read (damaged pages, or not a database at all): exit 19."""

    exit_code = 19
    category = "corrupt_db"
    message_nl = "batchdatabase is beschadigd; herstel hem (sqlite3 .recover) of begin een nieuwe"
    message_en = "batch database is corrupt; recover it (sqlite3 .recover) or start a new one"


class OutputError(IvpcheckError):
    """A report, export, analysis or database that cannot be written (disk full, a file where a folder
    should be, no permission): exit 20."""

    exit_code = 20
    category = "output"
    message_nl = "kan niet worden geschreven"
    message_en = "cannot be written"


def _file_in_the_way(path: Path) -> str:
    """The first of `path` and its parents that is a plain file (where a folder was needed)."""
    for candidate in (path, *path.parents):
        if candidate.exists() and not candidate.is_dir():
            return display_path(candidate)
    return display_path(path)


@contextmanager
def writing(path: str | Path) -> Iterator[None]:
    """Turn an OSError while writing to `path` into an OutputError naming it."""
    try:
        yield
    except (FileExistsError, NotADirectoryError) as error:  # mkdir or open below a plain file
        blocker = _file_in_the_way(Path(os.fsdecode(error.filename or path)))
        raise OutputError(
            str(path), f"{blocker} is een bestand, geen map / is a file, not a folder"
        ) from error
    except OSError as error:
        raise OutputError(str(path), error.strerror or str(error)) from error


class TooManyPagesError(IvpcheckError):
    """More pages than `ivpcheck serve --max-pages` allows.

    Only the web service limits pages, so this error has no exit code of its own and is not one of
    the INPUT_ERRORS: the service answers it with HTTP 422 and category `too_many_pages`.
    """

    category = "too_many_pages"
    message_nl = "document heeft te veel pagina's"
    message_en = "document has too many pages"


INPUT_ERRORS: tuple[type[IvpcheckError], ...] = (
    FileMissingError,
    EmptyFileError,
    UnsupportedFormatError,
    NotAPdfError,
    CorruptFileError,
    EncryptedFileError,
    NoTextLayerError,
    NotAnIvpError,
    ProcessingTimeoutError,
)
