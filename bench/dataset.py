"""The data set itself, written with COPY into the apps' tables (needs Django set up).

Rows are built from each model's fields: the columns the benchmark knows get
realistic values (dates over 36 months, Vietnamese text whose search_text is
the folded title, summary and body), every other column gets its default, NULL,
its first choice or a filler of the right type. So a column another helper adds
to a model later does not break the generator.
"""

import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from core.text import fold, slugify_vi

from .corpus import Corpus
from .database import MARKER_TABLE, PARTS_TABLE

NOW_MARGIN = timedelta(hours=1)
# One published item in GALLERY_EVERY has a gallery of one to four photos.
GALLERY_EVERY = 5


def log(message):
    print(f"[bench.dataset {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def table_exists(model):
    return model._meta.db_table in connection.introspection.table_names()


def model_or_none(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


class Filler:
    """Values for the columns of a model that a part does not set itself."""

    def __init__(self, model, rnd, now):
        self.model = model
        self.rnd = rnd
        self.now = now
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]

    def value(self, field, i):
        if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
            return self.now
        if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add):
            return self.now.date()
        if field.has_default():
            value = field.get_default()
            if isinstance(value, dict | list):
                return _json(value)
            return value
        if field.null:
            return None
        if field.choices:
            return field.choices[0][0]
        if isinstance(field, models.JSONField):
            return "{}"
        if isinstance(field, models.BooleanField):
            return False
        if isinstance(field, models.DateTimeField):
            return self.now
        if isinstance(field, models.DateField):
            return self.now.date()
        if isinstance(field, models.UUIDField):
            return uuid.uuid4()
        if isinstance(field, models.IntegerField | models.FloatField | models.DecimalField):
            return 0
        if isinstance(field, models.GenericIPAddressField):
            return "127.0.0.1"
        if isinstance(field, models.FileField):
            return ""
        if isinstance(field, models.CharField | models.TextField):
            if field.unique:
                return f"bench-{field.name}-{i}"[: field.max_length or 200]
            return "" if field.blank else f"bench {field.name}"[: field.max_length or 200]
        raise ValueError(f"bench cannot fill {self.model.__name__}.{field.name} ({type(field).__name__})")


def _json(value):
    import json

    return json.dumps(value)


class Copier:
    """COPY rows of one model: `row(i)` returns {field name: value}; the rest is filled."""

    def __init__(self, model, rnd, now, extra_columns=()):
        self.model = model
        self.filler = Filler(model, rnd, now)
        self.fields = self.filler.fields
        self.columns = [f.column for f in self.fields]
        self.with_pk = True
        self.pk_column = model._meta.pk.column

    def copy(self, rows, count):
        """rows: iterable of (pk, {field name or attname: value}); returns rows written."""
        fields = self.fields
        filler = self.filler
        names = [(f.name, f.attname) for f in fields]
        columns = ", ".join(f'"{c}"' for c in [self.pk_column] + self.columns)
        written = 0
        started = time.monotonic()
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor
            with cursor.copy(f'COPY "{self.model._meta.db_table}" ({columns}) FROM STDIN') as copy:
                for pk, values in rows:
                    record = [pk]
                    for field, (name, attname) in zip(fields, names, strict=True):
                        if attname in values:
                            record.append(values[attname])
                        elif name in values:
                            record.append(values[name])
                        else:
                            record.append(filler.value(field, pk))
                    copy.write_row(record)
                    written += 1
                    if written % 250_000 == 0:
                        rate = written / max(time.monotonic() - started, 0.001)
                        log(f"  {self.model._meta.label}: {written:,}/{count:,} ({rate:,.0f} rows/s)")
        return written


def copy_pairs(table, columns, pairs):
    with connection.cursor() as wrapper:
        with wrapper.cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
            n = 0
            for pair in pairs:
                copy.write_row(pair)
                n += 1
    return n


def next_pk(model):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COALESCE(MAX("{model._meta.pk.column}"), 0) + 1 FROM "{model._meta.db_table}"')
        return cursor.fetchone()[0]


def sequence_reset(*model_list):
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(model_list)):
            cursor.execute(statement)


class SecondaryIndexes:
    """Drop a table's plain indexes during a bulk load and build them again after (much faster)."""

    def __init__(self, table):
        self.table = table
        self.definitions = []

    def __enter__(self):
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT i.relname, pg_get_indexdef(x.indexrelid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                WHERE t.relname = %s AND NOT x.indisprimary AND NOT x.indisunique
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                """,
                [self.table],
            )
            self.definitions = cursor.fetchall()
            for name, _definition in self.definitions:
                cursor.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            for name, definition in self.definitions:
                started = time.monotonic()
                cursor.execute(definition)
                log(f"  index {name} built in {time.monotonic() - started:.0f} s")
        return False


class Generator:
    """Runs the parts in order; each part is done once per data set (bench_part)."""

    def __init__(self, *, scale, seed=2026):
        self.scale = scale
        self.rnd = random.Random(seed)
        self.seed = seed
        self.now = timezone.now().replace(microsecond=0)
        self.start = self.now - timedelta(days=30 * scale["months"])
        self.corpus = None

    # -- bookkeeping -----------------------------------------------------------------
    def marker_ensure(self):
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (id int PRIMARY KEY, scale jsonb NOT NULL, "
                "seed int NOT NULL, created_at timestamptz NOT NULL, finished_at timestamptz)"
            )
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {PARTS_TABLE} (name text PRIMARY KEY, rows bigint NOT NULL, "
                "seconds real NOT NULL, done_at timestamptz NOT NULL)"
            )
            cursor.execute(
                f"INSERT INTO {MARKER_TABLE} (id, scale, seed, created_at) VALUES (1, %s, %s, now()) "
                "ON CONFLICT (id) DO NOTHING",
                [_json(self.scale), self.seed],
            )
            cursor.execute(f"SELECT scale FROM {MARKER_TABLE} WHERE id = 1")
            stored = cursor.fetchone()[0]
        if isinstance(stored, str):
            import json

            stored = json.loads(stored)
        # A reused data set keeps its own scale: new parts match what is there.
        self.scale = stored

    def part_done(self, name):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {PARTS_TABLE} WHERE name = %s", [name])
            return cursor.fetchone() is not None

    def part_record(self, name, rows, seconds):
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {PARTS_TABLE} (name, rows, seconds, done_at) VALUES (%s, %s, %s, now())",
                [name, rows, seconds],
            )

    def run(self):
        self.marker_ensure()
        parts = [
            ("base", self.part_base, None),
            ("items", self.part_items, "articles.Item"),
            ("item_history", self.part_item_history, "editorial.Transition"),
            ("questions", self.part_questions, "feedback.Question"),
            ("legal_documents", self.part_legal_documents, "legaldocs.LegalDocument"),
            ("quota_months", self.part_quota_months, "quotas.MonthSnapshot"),
        ]
        for name, function, needs in parts:
            if self.part_done(name):
                log(f"part {name}: already in the data set")
                continue
            if needs:
                model = model_or_none(needs)
                if model is None or not table_exists(model):
                    log(f"part {name}: skipped, table of {needs} does not exist yet")
                    continue
            started = time.monotonic()
            log(f"part {name}: generating")
            with transaction.atomic():
                rows = function()
                self.part_record(name, rows, time.monotonic() - started)
            log(f"part {name}: {rows:,} rows in {time.monotonic() - started:.0f} s")
        self.finish()

    def finish(self):
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {MARKER_TABLE} SET finished_at = now() WHERE id = 1")
        if connection.in_atomic_block:
            return  # inside a test's transaction: VACUUM cannot run there
        log("VACUUM ANALYZE")
        started = time.monotonic()
        previous = connection.get_autocommit()
        connection.set_autocommit(True)
        try:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        finally:
            connection.set_autocommit(previous)
        log(f"VACUUM ANALYZE took {time.monotonic() - started:.0f} s")

    def _session_settings(self, cursor):
        # Consistent generated rows: skip per-row foreign-key triggers during COPY (superuser only),
        # and give index builds memory.
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        try:
            cursor.execute("SAVEPOINT bench_role")
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("RELEASE SAVEPOINT bench_role")
        except Exception:
            cursor.execute("ROLLBACK TO SAVEPOINT bench_role")
            log("note: not a superuser; foreign keys are checked row by row (slower)")

    def _corpus(self):
        if self.corpus is None:
            self.corpus = Corpus(seed=self.seed)
        return self.corpus

    # -- parts ---------------------------------------------------------------------------
    def part_base(self):
        """Units, staff of every role, categories and tags."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from articles.models import Category, Tag
        from organisation.models import Department, StaffProfile, Unit
        from organisation.roles import Role

        User = get_user_model()
        rnd = self.rnd
        corpus = self._corpus()
        if not Department.objects.exists():
            Department.objects.create(
                name="Sở Tư pháp tỉnh Bình Phước (dữ liệu đo hiệu năng)", short_name="STP",
                address="Số 1 đường Hùng Vương, phường Tân Phú, thành phố Đồng Xoài",
            )
        rows = 0
        internal = max(10, self.scale["units"] // 20)
        units = []
        for n in range(self.scale["units"]):
            kind = Unit.Kind.INTERNAL if n < internal else Unit.Kind.DISTRICT
            name = f"Phòng chuyên môn số {n + 1}" if kind == Unit.Kind.INTERNAL else f"Phòng Tư pháp huyện số {n + 1}"
            units.append(Unit(name=name, kind=kind, order=n))
        units = Unit.objects.bulk_create(units)
        rows += len(units)
        password = make_password(None)

        def user(username, role, unit=None):
            first, *rest = corpus.names[rnd.randrange(len(corpus.names))].split(" ")
            return User(username=username, first_name=rest[-1], last_name=" ".join([first] + rest[:-1]),
                        email=f"{username}@bench.stp.example.vn", password=password, is_active=True)

        plan = []
        for unit in units:
            for k in range(2):
                plan.append((f"bench_author_{unit.pk}_{k}", Role.AUTHOR, unit))
            plan.append((f"bench_leader_{unit.pk}", Role.UNIT_LEADER, unit))
        for role, count in [(Role.SECRETARY, 2), (Role.BOARD_MEMBER, 6), (Role.DEPUTY_HEAD, 1), (Role.HEAD, 1),
                            (Role.LEADERSHIP, 3), (Role.OFFICE, 1), (Role.SITE_ADMIN, 1),
                            (Role.COLLABORATOR, 20)]:
            for k in range(count):
                plan.append((f"bench_{role}_{k}", role, units[0] if role != Role.COLLABORATOR else None))
        users = User.objects.bulk_create([user(name, role, unit) for name, role, unit in plan])
        groups = {g.name: g for g in Group.objects.all()}
        memberships = []
        profiles = []
        for created, (_name, role, unit) in zip(users, plan, strict=True):
            if str(role) in groups:
                memberships.append(User.groups.through(user_id=created.pk, group_id=groups[str(role)].pk))
            if unit is not None:
                profiles.append(StaffProfile(user=created, unit=unit, position="Chuyên viên"))
        User.groups.through.objects.bulk_create(memberships)
        StaffProfile.objects.bulk_create(profiles)
        # What organisation.services.unit_leader_add writes, without an audit entry per leader.
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType
        from guardian.models import UserObjectPermission

        lead = Permission.objects.get(content_type__app_label="organisation", codename="lead_unit")
        unit_type = ContentType.objects.get_for_model(Unit)
        leaders = [(created, unit) for created, (_n, role, unit) in zip(users, plan, strict=True)
                   if role == Role.UNIT_LEADER]
        Unit.leaders.through.objects.bulk_create(
            [Unit.leaders.through(unit_id=unit.pk, user_id=created.pk) for created, unit in leaders]
        )
        UserObjectPermission.objects.bulk_create([
            UserObjectPermission(user=created, permission=lead, content_type=unit_type, object_pk=str(unit.pk))
            for created, unit in leaders
        ])
        rows += len(users)

        existing = Category.objects.count()
        parents = list(Category.objects.filter(parent__isnull=True, link=""))
        for n in range(max(0, self.scale["categories"] - existing)):
            parent = parents[n % len(parents)] if parents else None
            name = f"Chuyên mục {n + 1}: " + corpus.titles[n].text.split(" ", 3)[-1][:60]
            Category.objects.create(parent=parent, name=name, slug=f"bench-chuyen-muc-{n + 1}", order=100 + n)
            rows += 1
        tags = [Tag(name=f"{o} {n + 1}"[:100], slug=f"{slugify_vi(o)}-{n + 1}"[:120])
                for n, o in enumerate((self._tag_words() * 100)[: self.scale["tags"]])]
        Tag.objects.bulk_create(tags)
        rows += len(tags)
        return rows

    @staticmethod
    def _tag_words():
        from .corpus import OBJECTS

        return OBJECTS

    def _pools(self):
        from django.contrib.auth import get_user_model

        from articles.models import Category, Tag
        from organisation.models import Unit

        User = get_user_model()
        authors = {}
        for unit_id, user_id in User.objects.filter(username__startswith="bench_author_").values_list(
            "profile__unit_id", "pk"
        ):
            authors.setdefault(unit_id, []).append(user_id)
        return {
            "units": list(Unit.objects.order_by("pk").values_list("pk", flat=True)),
            "authors": authors,
            "board": list(User.objects.filter(username__startswith="bench_board_member_").values_list("pk", flat=True)),
            "secretaries": list(User.objects.filter(username__startswith="bench_secretary_").values_list("pk", flat=True)),
            "heads": list(User.objects.filter(username__regex=r"^bench_(head|deputy_head)_").values_list("pk", flat=True)),
            "categories": list(Category.objects.filter(link="").exclude(parent__isnull=True).order_by("pk")
                               .values_list("pk", flat=True))
            or list(Category.objects.filter(link="").values_list("pk", flat=True)),
            "tags": list(Tag.objects.values_list("pk", flat=True)),
        }

    def part_items(self):
        """Published items over the months, plus items in every workflow state, tags and galleries."""
        from articles.models import Item, ItemImage, ItemKind, ItemStatus

        pools = self._pools()
        corpus = self._corpus()
        rnd = self.rnd
        published = self.scale["items"]
        in_flight = max(200, published // 500)
        first = next_pk(Item)
        span = (self.now - NOW_MARGIN - self.start).total_seconds()
        # Categories are unevenly used: a few sections carry most news.
        categories = pools["categories"]
        weights = [1 / (k + 1) ** 0.8 for k in range(len(categories))]
        category_of = rnd.choices(categories, weights=weights, k=4096)
        units = pools["units"]
        unit_weights = [3 if k < 12 else 1 for k in range(len(units))]
        unit_of = rnd.choices(units, weights=unit_weights, k=4096)
        kinds = rnd.choices(
            [ItemKind.TIN, ItemKind.BAI, ItemKind.RESEARCH, ItemKind.PHOTO, ItemKind.VIDEO, ItemKind.DOCUMENT],
            weights=[60, 30, 3, 4, 2, 1], k=4096,
        )
        flight_states = [ItemStatus.UNIT_REVIEW, ItemStatus.SUBMITTED, ItemStatus.EDITING, ItemStatus.VERIFYING,
                         ItemStatus.FINAL_REVIEW, ItemStatus.APPROVED, ItemStatus.RETURNED, ItemStatus.DRAFT,
                         ItemStatus.REJECTED]
        board = pools["board"] or [None]
        now = self.now

        def rows():
            for n in range(published + in_flight):
                pk = first + n
                title, summary, body, search = corpus.article(rnd)
                unit = unit_of[n % 4096]
                author = rnd.choice(pools["authors"].get(unit, [None]))
                kind = kinds[(n * 7) % 4096]
                if n < published:
                    at = self.start + timedelta(seconds=span * n / published + rnd.random() * 600)
                    sent = at - timedelta(hours=rnd.randint(4, 96))
                    values = {
                        "status": ItemStatus.PUBLISHED, "published_at": at, "submitted_at": sent,
                        "event_at": sent - timedelta(hours=rnd.randint(1, 48)),
                        "slug": f"{slugify_vi(title, max_length=180)}-{pk}",
                        "category_id": category_of[n % 4096], "version": 6,
                        "view_count": int(rnd.paretovariate(1.2) * 40), "created_at": sent,
                        "updated_at": at,
                    }
                else:
                    status = flight_states[n % len(flight_states)]
                    sent = now - timedelta(hours=rnd.randint(1, 24 * 30))
                    values = {
                        "status": status, "published_at": None,
                        "submitted_at": None if status == ItemStatus.DRAFT else sent,
                        "event_at": sent - timedelta(hours=rnd.randint(1, 48)),
                        "due_at": sent + timedelta(days=2), "slug": None,
                        "proposed_category_id": category_of[n % 4096],
                        "category_id": category_of[n % 4096] if status not in (ItemStatus.DRAFT,) else None,
                        "assignee_id": rnd.choice(board) if status in (ItemStatus.EDITING, ItemStatus.VERIFYING)
                        else None,
                        "version": 2, "created_at": sent, "updated_at": sent,
                    }
                has_cover = n % 5 < 3
                values.update({
                    "kind": kind, "language": "en" if n % 40 == 0 else "vi",
                    "title": title, "summary": summary, "body": body, "search_text": search,
                    "unit_id": unit, "author_id": author,
                    "byline": corpus.names[n % len(corpus.names)],
                    "sender_full_name": corpus.names[n % len(corpus.names)],
                    "sender_position": "Chuyên viên", "sender_email": f"tac-gia{n % 997}@stp.example.vn",
                    "sender_phone": f"0271 3879 {n % 1000:03d}",
                    "requires_unit_approval": True, "featured": n % 97 == 0, "show_byline": True,
                    "cover_image": f"covers/bench/{n % 5000:04d}.jpg" if has_cover else "",
                    "cover_width": 1200 if has_cover else None, "cover_height": 800 if has_cover else None,
                    "cover_alt": title[:300] if has_cover else "",
                    "deadline_rule": "", "source": "",
                })
                yield pk, values

        with connection.cursor() as cursor:
            self._session_settings(cursor)
        total = published + in_flight
        with SecondaryIndexes(Item._meta.db_table):
            count = Copier(Item, rnd, now).copy(rows(), total)
        sequence_reset(Item)

        # Tags: two thirds of items carry one to three tags.
        tags = pools["tags"]
        through = Item.tags.through
        tag_rows = 0
        if tags:
            def tag_pairs():
                for n in range(total):
                    if n % 3 == 2:
                        continue
                    for tag in {tags[(n * 31 + k * 7) % len(tags)] for k in range(1 + n % 3)}:
                        yield first + n, tag

            with SecondaryIndexes(through._meta.db_table):
                tag_rows = copy_pairs(through._meta.db_table, ["item_id", "tag_id"], tag_pairs())

        # Galleries: image metadata (no files) with captions and photographers.
        image_first = next_pk(ItemImage)

        def images():
            pk = image_first
            for n in range(0, published, GALLERY_EVERY):
                for order in range(1 + n % 4):
                    yield pk, {
                        "item_id": first + n, "image": f"photos/bench/{pk % 5000:04d}.jpg",
                        "width": 1600, "height": 1067, "caption": corpus.titles[pk % len(corpus.titles)].text,
                        "alt": "Ảnh minh họa", "photographer": corpus.names[pk % len(corpus.names)],
                        "order": order,
                    }
                    pk += 1

        with SecondaryIndexes(ItemImage._meta.db_table):
            image_rows = Copier(ItemImage, rnd, now).copy(images(), published * 2.5 // GALLERY_EVERY)
        sequence_reset(ItemImage)
        log(f"  items {count:,}, tag links {tag_rows:,}, gallery images {image_rows:,}")
        return count + tag_rows + image_rows

    def _workflow_path(self):
        """The actions from draft to published in editorial's workflow table, or a plain default."""
        default = [("draft", "submit", "unit_review"), ("unit_review", "unit_approve", "submitted"),
                   ("submitted", "receive", "editing"), ("editing", "edit_done", "verifying"),
                   ("verifying", "verify", "final_review"), ("final_review", "approve", "approved"),
                   ("approved", "publish", "published")]
        try:
            from core.workflow import Workflow
            from editorial import workflow as module
        except ImportError:
            return default
        flows = [v for v in vars(module).values() if isinstance(v, Workflow)]
        if not flows:
            return default
        moves = flows[0].moves
        # Breadth-first search for the shortest path that goes through unit review when it exists.
        from collections import deque

        queue = deque([("draft", [])])
        seen = {"draft"}
        while queue:
            state, path = queue.popleft()
            if state == "published":
                return path
            for move in moves:
                if move.source == state and move.target not in seen:
                    seen.add(move.target)
                    queue.append((move.target, path + [(move.source, move.action, move.target)]))
        return default

    def part_item_history(self):
        """One workflow record per move of every item, from submission to publication."""
        from articles.models import Item, ItemStatus

        Transition = apps.get_model("editorial", "Transition")
        path = self._workflow_path()
        pools = self._pools()
        board = pools["board"] or [None]
        secretaries = pools["secretaries"] or [None]
        heads = pools["heads"] or [None]
        rnd = self.rnd
        first = next_pk(Transition)
        fk = next(f for f in Transition._meta.concrete_fields
                  if f.is_relation and f.related_model is Item).attname
        actor = next((f.attname for f in Transition._meta.concrete_fields
                      if f.is_relation and f.related_model is not Item), None)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, status, author_id, submitted_at, published_at FROM articles_item "
                "WHERE author_id IS NOT NULL ORDER BY id"
            )
            items = cursor.fetchall()
            self._session_settings(cursor)

        def rows():
            pk = first
            for item_id, status, author, sent, published in items:
                if status == ItemStatus.DRAFT:
                    continue
                end = published or (sent + timedelta(hours=20))
                steps = path if status == ItemStatus.PUBLISHED else path[: 1 + item_id % (len(path) - 1)]
                step_time = (end - sent) / max(len(steps), 1)
                for k, (source, action, target) in enumerate(steps):
                    who = author if k == 0 else (
                        secretaries[item_id % len(secretaries)] if action in ("receive", "publish")
                        else heads[item_id % len(heads)] if action in ("verify", "approve")
                        else board[item_id % len(board)])
                    values = {fk: item_id, "action": action, "from_state": source, "to_state": target,
                              "comment": "", "reason": "", "created_at": sent + step_time * k}
                    if actor:
                        values[actor] = who
                    yield pk, values
                    pk += 1

        expected = len(items) * len(path)
        with SecondaryIndexes(Transition._meta.db_table):
            count = Copier(Transition, rnd, self.now).copy(rows(), expected)
        sequence_reset(Transition)
        return count

    def part_questions(self):
        """Citizens' questions over the months: most answered and published in the Q&A."""
        Question = apps.get_model("feedback", "Question")
        fields = {f.name for f in Question._meta.concrete_fields}
        corpus = self._corpus()
        rnd = self.rnd
        pools = self._pools()
        field_ids = []
        field_model = model_or_none("feedback.Field")
        if field_model is not None and "field" in fields:
            field_ids = list(field_model.objects.values_list("pk", flat=True))
            if not field_ids:
                # Named apart from any field a data migration may add later (unique names).
                for n, name in enumerate(["Đất đai", "Hôn nhân và gia đình", "Hộ tịch", "Dân sự", "Lao động",
                                          "Hành chính", "Hình sự", "Thừa kế"]):
                    field_model.objects.create(name=f"{name} (bench)", slug=f"bench-{slugify_vi(name)}", order=n)
                field_ids = list(field_model.objects.values_list("pk", flat=True))
        status_field = Question._meta.get_field("status") if "status" in fields else None
        statuses = [c[0] for c in status_field.choices] if status_field is not None and status_field.choices else []
        answered = "answered" if "answered" in statuses else (statuses[0] if statuses else None)
        open_states = [s for s in statuses if s not in ("answered", "merged", "declined")] or statuses
        count = self.scale["questions"]
        span = (self.now - NOW_MARGIN - self.start).total_seconds()
        first = next_pk(Question)
        units = pools["units"]

        def rows():
            for n in range(count):
                pk = first + n
                received = self.start + timedelta(seconds=span * n / count + rnd.random() * 600)
                is_open = n >= count - max(50, count // 100)
                title = corpus.titles[rnd.randrange(len(corpus.titles))].text[:200]
                body, body_folded = corpus.text(rnd, (2, 4))
                answer, answer_folded = corpus.text(rnd, (3, 6))
                values = {
                    "kind": "question" if n % 5 else "petition",
                    "tracking_code": f"HD{pk:08d}"[:20],
                    "title": title, "body": body,
                    "full_name": corpus.names[n % len(corpus.names)],
                    "email": f"cong-dan{n % 5000}@example.vn", "phone": "", "address": "Huyện Đồng Phú",
                    "consent_at": received, "consent_version": "2026-1",
                    "received_at": received, "due_at": received + timedelta(days=10),
                    "unit_id": units[n % len(units)] if units else None,
                    "search_text": " ".join([fold(title), body_folded] + ([] if is_open else [answer_folded])),
                }
                if field_ids:
                    values["field_id"] = field_ids[n % len(field_ids)]
                if is_open:
                    values.update({"status": open_states[n % len(open_states)] if open_states else None,
                                   "answer": "", "is_public": False})
                else:
                    at = received + timedelta(days=rnd.randint(1, 9))
                    values.update({"status": answered, "answer": answer, "answered_at": at,
                                   "closed_at": at, "is_public": n % 10 < 8,
                                   "published_at": at if n % 10 < 8 else None})
                yield pk, {k: v for k, v in values.items() if k in fields or k.removesuffix("_id") in fields}

        with connection.cursor() as cursor:
            self._session_settings(cursor)
        with SecondaryIndexes(Question._meta.db_table):
            written = Copier(Question, rnd, self.now).copy(rows(), count)
        sequence_reset(Question)
        return written

    def part_quota_months(self):
        """Close every month that is over, as the monthly beat task does (Hà Tĩnh 1148 point 3).

        Dashboards read closed months from their snapshots; without them every
        page would aggregate three years of items live, which no real portal does.
        """
        try:
            from quotas.services import quota_month_close
        except ImportError:
            log("  quotas.services.quota_month_close not found; months left open")
            return 0
        local = timezone.localtime(self.start)
        year, month = local.year, local.month
        today = timezone.localtime(self.now)
        closed = 0
        while (year, month) < (today.year, today.month):
            quota_month_close(year=year, month=month, now=self.now)
            closed += 1
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return closed

    def part_legal_documents(self):
        """Legal documents with number, type, issuing body, field, dates, status and full text."""
        LegalDocument = apps.get_model("legaldocs", "LegalDocument")
        fields = {f.name for f in LegalDocument._meta.concrete_fields}
        corpus = self._corpus()
        rnd = self.rnd
        lookups = {}
        for name, label, samples in [
            ("doc_type", "legaldocs.DocumentType", [("Quyết định", "QĐ"), ("Nghị quyết", "NQ"), ("Chỉ thị", "CT"),
                                                    ("Kế hoạch", "KH"), ("Công văn", "CV"), ("Thông tư", "TT")]),
            ("issuing_body", "legaldocs.IssuingBody", [("Ủy ban nhân dân tỉnh", ""), ("Hội đồng nhân dân tỉnh", ""),
                                                       ("Sở Tư pháp", ""), ("Bộ Tư pháp", "")]),
            ("legal_field", "legaldocs.LegalField", [("Đất đai", ""), ("Hộ tịch", ""), ("Tư pháp", ""),
                                                     ("Hành chính", ""), ("Thuế", ""), ("Giáo dục", "")]),
        ]:
            model = model_or_none(label)
            if model is None or name not in fields:
                continue
            if not model.objects.exists():
                model_fields = {f.name for f in model._meta.concrete_fields}
                for order, (sample, abbreviation) in enumerate(samples):
                    extra = {"abbreviation": abbreviation} if "abbreviation" in model_fields else {}
                    model.objects.create(name=f"{sample} (bench)", order=order, **extra)
            lookups[name] = list(model.objects.values_list("pk", "name"))
        abbreviations = {}
        type_model = model_or_none("legaldocs.DocumentType")
        if type_model is not None and "abbreviation" in {f.name for f in type_model._meta.concrete_fields}:
            abbreviations = dict(type_model.objects.values_list("pk", "abbreviation"))
        statuses = ["in_force"] * 7 + ["expired", "partly_expired", "not_yet"]
        status_choices = {c[0] for c in LegalDocument._meta.get_field("status").choices or []} if "status" in fields else set()
        statuses = [s for s in statuses if s in status_choices] or [None]
        count = self.scale["legal_documents"]
        first = next_pk(LegalDocument)
        days = (self.now.date() - date(2005, 1, 1)).days

        def rows():
            for n in range(count):
                pk = first + n
                issued = date(2005, 1, 1) + timedelta(days=days * n // count)
                doc_type = lookups.get("doc_type", [(None, "Quyết định")])[n % len(lookups.get("doc_type", [0]))]
                abbreviation = abbreviations.get(doc_type[0]) or "QĐ"
                number = f"{n % 900 + 1}/{issued.year}/{abbreviation}-UBND"
                summary, summary_folded = corpus.text(rnd, (1, 2))
                full_text, _folded = corpus.text(rnd, (6, 12))
                values = {
                    "group": "quy-pham" if n % 4 else "chi-dao",
                    "number": number, "number_key": f"{slugify_vi(number)}-{pk}"[:80],
                    "slug": f"{slugify_vi(number)}-{pk}"[:220],
                    "doc_type_id": doc_type[0],
                    "issuing_body_id": lookups["issuing_body"][n % len(lookups["issuing_body"])][0]
                    if lookups.get("issuing_body") else None,
                    "legal_field_id": lookups["legal_field"][n % len(lookups["legal_field"])][0]
                    if lookups.get("legal_field") else None,
                    "signer": corpus.names[n % len(corpus.names)],
                    "issued_on": issued, "effective_on": issued + timedelta(days=10),
                    "status": statuses[n % len(statuses)], "summary": summary,
                    "full_text": "<p>" + full_text + "</p>", "is_published": True,
                    "search_text": " ".join([fold(number), fold(doc_type[1].removesuffix(" (bench)")), summary_folded]),
                }
                yield pk, {k: v for k, v in values.items() if k in fields or k.removesuffix("_id") in fields}

        with connection.cursor() as cursor:
            self._session_settings(cursor)
        with SecondaryIndexes(LegalDocument._meta.db_table):
            written = Copier(LegalDocument, rnd, self.now).copy(rows(), count)
        sequence_reset(LegalDocument)
        return written


