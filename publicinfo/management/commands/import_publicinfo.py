from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from publicinfo.services import judicial_import, procedures_import

SERVICES = {"procedures": procedures_import, "judicial": judicial_import}


class Command(BaseCommand):
    help = "Import administrative procedures or judicial support/legal aid entries from an .xlsx (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("list", choices=sorted(SERVICES))
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        with open(path, "rb") as handle:
            report = SERVICES[options["list"]](File(handle, name=path))
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(report.errors)} problem(s).")
        self.stdout.write(self.style.SUCCESS(f"{report.created} rows imported."))
