"""The analyst's workspace: the data folder, where added articles and corrections are kept.

**Where things are kept.** Articles added by upload, paste or URL are written as files into ``added/`` inside
the data folder, named ``<name>-<12 hex digits of the content's SHA-256><suffix>``; corrections go to
``corrections.csv`` at its root (``extract.corrections``). Plain files rather than a database, because the folder
is already what the app reads, survives reloads and restarts, can be reviewed and committed with git, and deploys
to Streamlit Community Cloud with the repository. Adding the same content twice keeps one copy (the hash is in
the name, and a file of the same size and content anywhere in the folder counts too).

**Safe writes.** Every write goes to a temporary file beside its target and is renamed over it (atomic on one
file system: a crash leaves the old file or the new one, never half of one), under a lock file
(``.workspace.lock``, with the filelock library), so two sessions adding at once both keep their files.

**Who may write.** A public app is visited by strangers, so writing needs a reason to trust the visitor
(:func:`editing`):

- If the operator set ``editor_password`` in ``st.secrets`` (``.streamlit/secrets.toml`` locally, the app's
  secrets on Community Cloud), only a visitor who entered it writes to the folder; everyone else's additions and
  corrections stay in their own browser session and nothing is written.
- Without a password, the app writes only when it is used from the machine it runs on, as the **connection**
  says, never a header the visitor writes (the Host and Origin headers are the browser's to set): the peer
  address of the visitor's connection is this computer's loopback address (``127.0.0.1`` or ``::1``; Streamlit's
  ``st.context.ip_address`` reads it from the socket), **and** the request carries no forwarding header
  (``X-Forwarded-For``, ``Forwarded``, ``X-Real-IP``), since behind a reverse proxy on the same machine every
  visitor's connection comes from loopback. Other addresses of the loopback range (``127.0.0.2``, used by relays
  and containers) count as another machine: being strict costs a password, being loose would open the folder.
  ``streamlit run dashboard.py`` on a laptop, opened in its own browser, writes; the same app opened from
  another machine of the network, through a proxy, or deployed without a password is read-only for everybody:
  additions and corrections stay in the session.
- ``METRICS_TIMELINE_EDITING=off`` turns writing off everywhere; ``=on`` turns it on without a password (for a
  trusted intranet).
- The password is compared in constant time, a wrong one is refused with one message however it differs, and
  each wrong try in a session waits a little longer than the one before (:func:`wrong_password_delay`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from extract.corrections import write_atomically
from extract.frame import ARTICLE_SUFFIXES, article_files

ADDED_FOLDER = "added"
LOCK_FILE = ".workspace.lock"
PASSWORD_SECRET = "editor_password"
EDITING_VARIABLE = "METRICS_TIMELINE_EDITING"
LOOPBACK_PEERS = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})
FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")
WRONG_PASSWORD_DELAY = 0.5  # seconds per wrong try so far in the session, up to WRONG_PASSWORD_DELAY_MAX
WRONG_PASSWORD_DELAY_MAX = 5.0
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Editing:
    """Whether this visitor's additions and corrections are written to the folder, and why (shown to them)."""

    writes: bool
    reason: str
    needs_password: bool = False


@dataclass(frozen=True)
class Visitor:
    """What the connection says about who is asking: its peer address (None when there is no connection to
    read it from) and whether a proxy forwarded it."""

    peer: str | None
    forwarded: bool = False


def visitor(ip_address: str | None, headers: Mapping[str, str] | None) -> Visitor:
    """The visitor of ``st.context``: Streamlit reports a loopback peer (127.0.0.1, ::1) as ``ip_address`` None,
    and a request always has headers, so None with headers is this computer; without headers (no connection, as
    in AppTest) the peer is unknown."""
    names = {name.lower() for name in (headers or {})}
    forwarded = any(name in names for name in FORWARDING_HEADERS)
    if ip_address:
        return Visitor(ip_address.strip(), forwarded)
    return Visitor("127.0.0.1" if names else None, forwarded)


def editing(secrets: Mapping[str, object], visitor: Visitor, entered: str, environ: Mapping[str, str]) -> Editing:
    """The writing rule of the module docstring, for one visitor; the reason names the evidence that decided."""
    switch = environ.get(EDITING_VARIABLE, "").strip().lower()
    if switch in ("off", "0", "false", "no"):
        return Editing(False, f"writing is switched off ({EDITING_VARIABLE}=off): additions and corrections stay "
                              "in this browser session")
    password = str(secrets.get(PASSWORD_SECRET) or "")
    if password:
        if entered and hmac.compare_digest(entered.encode(), password.encode()):
            return Editing(True, "editor password accepted: additions and corrections are saved in the data folder",
                           needs_password=True)
        return Editing(False, "enter the editor password to save additions and corrections in the data folder; "
                              "until then they stay in this browser session", needs_password=True)
    if switch in ("on", "1", "true", "yes"):
        return Editing(True, f"writing is switched on ({EDITING_VARIABLE}=on): additions and corrections are saved "
                             "in the data folder")
    read_only = "read-only without the editor password: additions and corrections stay in this browser session"
    if visitor.forwarded:
        return Editing(False, f"opened through a proxy: {read_only}")
    if visitor.peer is None:
        return Editing(False, f"the connection's address is unknown: {read_only}")
    if visitor.peer.lower() in LOOPBACK_PEERS:
        return Editing(True, f"opened from this computer ({visitor.peer}): additions and corrections are saved in "
                             "the data folder")
    return Editing(False, f"opened from {visitor.peer}: {read_only}")


def wrong_password_delay(failures: int) -> float:
    """Seconds to wait after the ``failures``-th wrong password of a session: a little longer each time."""
    return min(WRONG_PASSWORD_DELAY * max(failures, 0), WRONG_PASSWORD_DELAY_MAX)


@dataclass(frozen=True)
class Added:
    path: Path
    new: bool  # False: the same content was already in the folder


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def added_file_name(name: str, data: bytes) -> str:
    """ "Berita TikTok!.html" → "Berita_TikTok-3f2a9c0d1b2e.html": safe on every file system, and unique per content."""
    path = Path(name)
    suffix = path.suffix.lower() if path.suffix.lower() in ARTICLE_SUFFIXES else ".txt"
    stem = _UNSAFE.sub("_", path.stem if path.suffix.lower() in ARTICLE_SUFFIXES else path.name).strip("._")[:60]
    return f"{stem or 'article'}-{content_digest(data)}{suffix}"


def add_article(folder: Path, name: str, data: bytes) -> Added:
    """Write an added article into ``folder/added/``, unless the folder already holds the same content."""
    from filelock import FileLock

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / ADDED_FOLDER / added_file_name(name, data)
    with FileLock(str(folder / LOCK_FILE), timeout=30):
        existing = _same_content(folder, data)
        if existing is not None:
            return Added(existing, new=False)
        write_atomically(target, data)
    return Added(target, new=True)


def _same_content(folder: Path, data: bytes) -> Path | None:
    digest = content_digest(data)
    added = folder / ADDED_FOLDER
    if added.is_dir():
        for path in added.iterdir():
            if path.stem.endswith(f"-{digest}") and path.read_bytes() == data:
                return path
    for path in article_files(folder):  # articles put there by hand: same size first, then the bytes
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return path
    return None
