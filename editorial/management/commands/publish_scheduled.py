from django.core.management.base import BaseCommand

from editorial.services import publish_scheduled


class Command(BaseCommand):
    help = "Publish scheduled items whose time has come (the same service as the beat task)."

    def handle(self, *args, **options):
        count = publish_scheduled()
        self.stdout.write(f"{count} item(s) published.")
