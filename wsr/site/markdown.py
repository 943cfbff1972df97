"""People's Markdown as the site shows it (coordination's threads and comments, companies'
requests and responses): converted, then cleaned by nh3 to one small safe set of tags."""

import markdown
import nh3
from django.utils.safestring import mark_safe

# No images, scripts or styles. Markdown writes strong and em, never b or i.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "hr",
}  # fmt: skip


def render_markdown(text: str) -> str:
    """Markdown to HTML, then nh3 keeps only ALLOWED_TAGS (no images, no scripts, no
    styles; links get rel=noopener nofollow)."""
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )


def markdown_filter(text) -> str:
    """The `markdown` template filter (registered by the apps' template tag libraries)."""
    return mark_safe(render_markdown(str(text or "")))  # noqa: S308 (sanitized by nh3)
