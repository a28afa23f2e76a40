from django.core.management.base import BaseCommand

from editorial.services import daily_publication_check, deadlines_check


class Command(BaseCommand):
    help = "Warn about items due soon or late, and about a working day without publication."

    def handle(self, *args, **options):
        warned = deadlines_check()
        reminded = daily_publication_check()
        self.stdout.write(
            f"{warned} deadline warning(s); daily reminder sent: {'yes' if reminded else 'no'}."
        )
