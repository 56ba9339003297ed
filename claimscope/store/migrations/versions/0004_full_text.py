"""Full-text search over articles: an FTS5 table on SQLite, a GIN index on PostgreSQL.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, text, tokenize='unicode61')")
        op.execute("INSERT INTO articles_fts (id, title, text) SELECT id, coalesce(title, ''), text FROM articles")
        # kept in step by triggers, so every writer (CLI, API, Spark loader) indexes what it stores
        op.execute("CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
                   "INSERT INTO articles_fts (id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END")
        op.execute("CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
                   "DELETE FROM articles_fts WHERE id = old.id; END")
    elif dialect == "postgresql":
        op.execute("CREATE INDEX ix_articles_fulltext ON articles USING gin "
                   "(to_tsvector('english', coalesce(title, '') || ' ' || text))")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS articles_fts_insert")
        op.execute("DROP TRIGGER IF EXISTS articles_fts_delete")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_fulltext")
