"""One generation-cache helper for the page cache, the site chrome and the search counts
(issue 18): same keys as before, and a token replaced again when the change commits."""

from django.core.cache import cache

from wsr.site.generations import Generation


def test_the_three_caches_keep_their_keys():
    from repository.search import SEARCH_COUNTS
    from wsr.site.chrome import CHROME
    from wsr.site.page_cache import PAGES

    assert PAGES.key == "site:pages:generation"
    assert CHROME.key == "site:chrome:generation"
    assert SEARCH_COUNTS.key == "repository:search:generation"


def test_a_token_is_kept_until_bumped():
    pages = Generation("test:pages")
    first = pages.current()
    assert pages.current() == first == cache.get("test:pages:generation")
    pages.bump()
    assert pages.current() != first


def test_a_token_read_before_the_change_committed_is_replaced_on_commit(
    db, django_capture_on_commit_callbacks
):
    """Another process may read the new token while the change is not yet committed and
    cache what it still sees; the token it read must not survive the commit."""
    pages = Generation("test:pages")
    with django_capture_on_commit_callbacks(execute=True):
        pages.bump()
        read_meanwhile = pages.current()
    assert pages.current() != read_meanwhile


def test_many_changes_in_one_transaction_replace_the_token_again_once_at_commit(
    db, django_capture_on_commit_callbacks
):
    """A seed or an import saving hundreds of rows registers one replacement for the commit,
    not one per row; another family still gets its own."""
    pages = Generation("test:many")
    other = Generation("test:other")
    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(50):
            pages.bump()
        other.bump()
    assert len(callbacks) == 2
