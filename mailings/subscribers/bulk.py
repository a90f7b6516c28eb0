"""Plain multi-row INSERTs for the import, where the ORM's per-object work dominates.

bulk_create builds a model instance and compiles SQL values per row; at 100,000 rows that is
most of the import's time. Here values are prepared directly and sent with COPY on
PostgreSQL (psycopg parses big multi-row INSERTs slowly) and multi-row INSERTs elsewhere.
Only fields given are written, so callers pass every NOT NULL column themselves.
"""

from django.db import DEFAULT_DB_ALIAS, connections, models

# Values of these fields go to the database as they are; the others are prepared by Django
# (datetimes for SQLite, UUIDs, IP addresses for PostgreSQL, JSON).
PLAIN = (
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.IntegerField,
    models.ForeignKey,
)


def preparer(field, connection):
    """A converter for one column; repeated values (the batch's timestamp) are converted once."""
    if isinstance(field, PLAIN):
        return None
    done = {}

    def prepare(value):
        try:
            return done[value]
        except KeyError:
            done[value] = field.get_db_prep_save(value, connection)
            return done[value]
        except TypeError:  # unhashable, e.g. the JSON details
            return field.get_db_prep_save(value, connection)

    return prepare


def insert_rows(model, field_names, rows):
    """INSERT the rows (tuples in field_names order), as many per statement as allowed."""
    if not rows:
        return
    connection = connections[DEFAULT_DB_ALIAS]  # the real object, not the per-access proxy
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608
    preparers = [preparer(field, connection) for field in fields]
    prepared = [
        [
            prepare(value) if prepare else value
            for prepare, value in zip(preparers, row, strict=True)
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            copy_rows(
                cursor, f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN", prepared
            )
            return
        size = connection.ops.bulk_batch_size(fields, prepared)
        for start in range(0, len(prepared), size):
            chunk = prepared[start : start + size]
            cursor.execute(
                sql + ", ".join([marks] * len(chunk)), [value for row in chunk for value in row]
            )


def copy_rows(cursor, sql, rows):
    with cursor.cursor.copy(sql) as copy:  # the psycopg cursor behind Django's wrapper
        for row in rows:
            copy.write_row(row)
