"""`manage.py seed`: generate the synthetic council, Wrekinshire (see hearth.seed.generator)."""

from django.core.management.base import BaseCommand, CommandError

from hearth.seed import add_seed_arguments


class Command(BaseCommand):
    help = "Generate the synthetic council (demo, la or large), or reuse the one already in the database."

    def add_arguments(self, parser):
        add_seed_arguments(parser)

    def handle(self, *args, **options):
        from hearth.seed.generator import SeedRefused, run_seed

        try:
            run_seed(scale=options["scale"], years=options["years"], seed=options["seed"], today=options["today"],
                     force=options["force"], write=self.stdout.write)
        except SeedRefused as refused:
            raise CommandError(str(refused), returncode=2) from None
