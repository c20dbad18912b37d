"""``onse_unaccent(text)``: ``unaccent`` declared IMMUTABLE, for the query side of full-text search.

``unaccent()`` is STABLE (its dictionary could change), so ``websearch_to_tsquery('simple', unaccent('tessalit'))``
is not a constant when PostgreSQL plans a search: the planner cannot read the word's frequency from the vectors'
statistics and guesses. On 500,000 posts it guessed 2,300 matches for a word found 27 times and walked the
newest-first index through 440,000 posts (1.6 s). With the immutable wrapper the query is folded to a constant at
planning, and the planner picks the GIN index for rare words and the date index for common ones. The vectors are
still written with ``unaccent`` itself: the same function, the same result.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION onse_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
"""


class Migration(migrations.Migration):
    dependencies = [("network", "0009_membership_newest_index")]

    operations = [migrations.RunSQL(CREATE, reverse_sql="DROP FUNCTION IF EXISTS onse_unaccent(text)")]
