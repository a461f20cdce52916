"""Files sent with a report: checked before anything is written, added and removed only while
the report can be edited, under the same version check as the text."""

__all__ = ["attachment_problems", "attachment_remove", "attachments_add", "upload_rule"]

from django.core.exceptions import ValidationError

from ansinh.core.history import acting_as
from ansinh.core.uploads import attachment_problems, store_upload, upload_rule
from ansinh.reporting.models import Attachment, Submission


def attachments_add(*, submission: Submission, user, files) -> list[Attachment]:
    """Called inside the submission's locked update; refuses all files if one is refused."""
    problems = attachment_problems(files=files, already=submission.attachments.count())
    if problems:
        raise ValidationError(problems)
    added = []
    with acting_as(user):
        for upload in files:
            attachment = store_upload(Attachment(submission=submission), upload, user=user)
            attachment.save()
            added.append(attachment)
    return added


def attachment_remove(*, attachment: Attachment, user) -> None:
    with acting_as(user):
        attachment.file.delete(save=False)
        attachment.delete()
