"""The markers an exported document carries so a later import can find its way back.

Kept apart from the writer (and free of python-docx) so an importer, the TUI or a test
can use the same names: custom document properties identify the draft, and a bookmark
on each heading names the part of the form that follows it. Content controls would be
the natural tool in Word, but LibreOffice mangles them and python-docx cannot read
inside them, so headings, bookmarks and properties it is.
"""

from __future__ import annotations

import hashlib
import json

from dossier.core import form
from dossier.core.model import Dossier

PROP_DRAFT_ID = "dossier_draft_id"
PROP_SCHEMA_VERSION = "dossier_schema_version"
PROP_CONTENT_SHA256 = "dossier_content_sha256"
PROP_REVISION = "dossier_revision"
PROP_PROFILE = "dossier_profile"
PROP_EXPORTER = "dossier_exporter"
PROP_HISTORY_VERSION = "dossier_history_version"
"""The number of the version in the draft's history that the document shows; absent when the
text exported was not a recorded version (unsaved typing, a change made outside dossier)."""
PROP_REVIEW_COPY = "dossier_review_copy"
"""Set on the bilingual review copy (``export --bilingual``): ``import`` reads its parts as tables
of working and submission paragraphs, one row each, not as paragraphs of the submission text."""

BOOKMARK_BASIC = form.BASIC.id
BOOKMARK_ATTACHMENTS = form.ATTACHMENTS.id
BOOKMARK_STATUS = "draft_status"
BOOKMARK_SDG_TARGETS = "sdg_targets"
BOOKMARK_ACTION_PLAN = "action_plan"
"""Besides these, each text part's heading is bookmarked with its id (``strategy``...)."""


def content_hash(draft: Dossier) -> str:
    """SHA-256 of the draft's content, independent of how the JSON file is laid out.

    Keys sorted, no insignificant white space, UTF-8 (a lone surrogate is hashed as
    is, never an error): a re-import can tell whether the draft has changed since this
    document was exported.
    """
    data = draft.model_dump(mode="json")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
