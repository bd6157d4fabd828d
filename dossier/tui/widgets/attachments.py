"""The attachments the call asks for: a checklist with each one's status and file path."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Select, Static

from dossier.core import form
from dossier.core.i18n import _
from dossier.core.model import Attachment
from dossier.tui.inputs import FieldInput
from dossier.tui.messages import PartEdited
from dossier.tui.session import Session
from dossier.tui.text import literal
from dossier.tui.widgets.pane import PartPane


def statuses() -> list[tuple[Content, str]]:
    """An attachment's statuses, marked and worded in the interface language."""
    return [
        (Content(_("✗ missing")), "missing"),
        (Content(_("◐ in progress")), "in_progress"),
        (Content(_("✓ ready")), "ready"),
    ]


class AttachmentsChecklist(PartPane):
    """One row per attachment in the profile: label, status and the path of the file."""

    DEFAULT_CSS = """
    AttachmentsChecklist #att-scroll { height: 1fr; }
    AttachmentsChecklist .att-label { padding: 0 1; margin-top: 1; text-style: bold; height: auto; }
    AttachmentsChecklist .att-row { height: 1; padding: 0 1; }
    AttachmentsChecklist .att-row Select { width: 18; }
    AttachmentsChecklist .att-row FieldInput { width: 1fr; margin-left: 1; }
    AttachmentsChecklist #att-summary { padding: 0 1; height: auto; color: $text-muted; }
    """

    def __init__(
        self, session: Session, entry: str = form.ATTACHMENTS.id, language: str = "en", **kwargs: object
    ) -> None:
        super().__init__(session, entry, language, **kwargs)

    def compose(self) -> ComposeResult:
        yield Static(self._summary(), id="att-summary")
        with VerticalScroll(id="att-scroll"):
            for i, spec in enumerate(self.session.profile.attachments):
                item = self.session.draft.attachments.get(spec.id) or Attachment()
                yield Static(literal(spec.label(self.language)), classes="att-label", id=f"att-label-{i}")
                with Horizontal(classes="att-row"):
                    yield Select(
                        statuses(),
                        value=item.status,
                        allow_blank=False,
                        id=f"att-status-{i}",
                        compact=True,
                        disabled=self.session.read_only,
                    )
                    yield FieldInput(
                        item.path or "",
                        id=f"att-path-{i}",
                        placeholder=_("path of the file"),
                        disabled=self.session.read_only,
                    )

    def _summary(self) -> Content:
        rules = self.session.profile.attachment_rules
        return Content(
            _(
                "Photos: {formats}, at most {photo_mb} MB each; all files together at most {total_mb} MB. "
                "Paths may be relative to the draft's folder."
            ).format(
                formats="/".join(rules.photo_formats).upper(),
                photo_mb=f"{rules.photo_max_mb:g}",
                total_mb=f"{rules.total_max_mb:g}",
            )
        )

    def _spec_id(self, index: str) -> str:
        """Widget ids use the position (profile ids need not be valid CSS ids)."""
        return self.session.profile.attachments[int(index)].id

    def _item(self, attachment_id: str) -> Attachment:
        attachments = self.session.draft.attachments
        if attachment_id not in attachments:
            attachments[attachment_id] = Attachment()
        return attachments[attachment_id]

    @on(Select.Changed)
    def _status(self, event: Select.Changed) -> None:
        event.stop()
        wid = event.select.id or ""
        if self.session.read_only or event.value != event.select.value or not wid.startswith("att-status-"):
            return
        attachment_id = self._spec_id(wid.removeprefix("att-status-"))
        current = self.session.draft.attachments.get(attachment_id) or Attachment()
        if current.status != event.value and event.value in ("missing", "in_progress", "ready"):
            # only a real change adds the entry: showing the list must not alter the draft
            self._item(attachment_id).status = event.value
            self.session.edited()
            self.post_message(PartEdited(form.ATTACHMENTS.id))

    @on(Input.Changed)
    def _path(self, event: Input.Changed) -> None:
        event.stop()
        wid = event.input.id or ""
        if self.session.read_only or event.value != event.input.value or not wid.startswith("att-path-"):
            return
        if isinstance(event.input, FieldInput) and not event.input.touched:
            return  # the field showing what it was loaded with
        attachment_id = self._spec_id(wid.removeprefix("att-path-"))
        current = (self.session.draft.attachments.get(attachment_id) or Attachment()).path or ""
        if current == event.value:
            return
        item = self._item(attachment_id)
        item.path = event.value or None
        self.session.edited()
        self.post_message(PartEdited(form.ATTACHMENTS.id))

    def focus_editor(self) -> None:
        self.query_one("#att-status-0", Select).focus()

    def focus_location(self, location: str) -> None:
        attachment_id = location.removeprefix(form.ATTACHMENTS.path).lstrip(".")
        ids = [spec.id for spec in self.session.profile.attachments]
        if attachment_id in ids:
            widget = self.query_one(f"#att-status-{ids.index(attachment_id)}", Select)
            widget.focus()
            widget.scroll_visible(animate=False)
        else:
            self.focus_editor()

    def set_language(self, language: str) -> None:
        super().set_language(language)
        self.query_one("#att-summary", Static).update(self._summary())
        for i, spec in enumerate(self.session.profile.attachments):
            self.query_one(f"#att-label-{i}", Static).update(literal(spec.label(language)))
            status = self.query_one(f"#att-status-{i}", Select)
            value = status.value
            with status.prevent(Select.Changed):
                status.set_options(statuses())
                status.value = value
            self.query_one(f"#att-path-{i}", FieldInput).placeholder = _("path of the file")
