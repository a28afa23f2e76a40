from django.core.management.base import BaseCommand

from operations.services import backup_create


class Command(BaseCommand):
    help = "Back up the database and media to BACKUP_DIR (with SHA-256 checksums), keeping the newest BACKUP_KEEP sets."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Backup directory (default: BACKUP_DIR).")
        parser.add_argument("--keep", type=int, help="How many sets to keep (default: BACKUP_KEEP).")

    def handle(self, *args, dir=None, keep=None, **options):
        path = backup_create(directory=dir, keep=keep)
        self.stdout.write(str(path))
