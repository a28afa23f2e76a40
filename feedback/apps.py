from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Citizen feedback")

    def ready(self):
        from articles.cache import refresh_public_pages_on_change

        from .models import Draft, DraftComment, DraftFile, Field, Question, QuestionStatus

        refresh_public_pages_on_change(
            Question, shown=lambda v: v["is_public"] and v["status"] == QuestionStatus.ANSWERED
        )
        refresh_public_pages_on_change(Draft, shown=lambda v: v["is_published"])
        refresh_public_pages_on_change(DraftFile)
        refresh_public_pages_on_change(DraftComment, shown=lambda v: v["is_published"])
        refresh_public_pages_on_change(Field)
