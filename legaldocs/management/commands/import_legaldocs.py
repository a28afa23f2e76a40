from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from legaldocs.services import documents_import


class Command(BaseCommand):
    help = "Import legal documents from an .xlsx file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        with open(path, "rb") as handle:
            report = documents_import(File(handle, name=path))
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(report.errors)} problem(s).")
        self.stdout.write(self.style.SUCCESS(f"{report.created} documents imported."))
