from django.core.management.base import BaseCommand, CommandError

from operations.services import BackupError, backup_restore, backup_sets


class Command(BaseCommand):
    help = "Restore a backup set (verifies its checksums first). Replaces the database and the media."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="The backup set directory (default: the newest in BACKUP_DIR).")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, path=None, yes=False, **options):
        if path is None:
            sets = backup_sets()
            if not sets:
                raise CommandError("No backup set found in BACKUP_DIR.")
            path = sets[-1]
        if not yes and input(f"Replace the database and media with {path}? Type yes: ").strip() != "yes":
            raise CommandError("Cancelled.")
        try:
            backup_restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {path}"))
