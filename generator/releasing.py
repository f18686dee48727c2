"""Memory the build no longer needs once MkDocs has written the site, handed back before Pagefind runs beside it.

MkDocs keeps every page's Markdown and HTML, and every generated file's content, to the end of the build;
once the files are written (on_post_build) nothing reads them again, yet the build process would hold them
all through Pagefind's indexing, its largest moment. Python frees what is dropped, and glibc's malloc_trim
returns the freed pages to the system (elsewhere the memory is only freed, which is harmless).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys


def release(files) -> None:
    """Drop the content, Markdown and HTML of generated files MkDocs has written, and return the memory."""
    for file in files:
        file._content = None  # MkDocs' own field for a generated file's content (File.generated)
        if file.page is not None:
            file.page.markdown = None
            file.page.content = None
    gc.collect()
    _trim()


def _trim() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # another C library (musl has no malloc_trim): the memory stays freed
        pass
