from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "site/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "site/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or a web address"), required=False)
    label = blocks.CharBlock(label=_("Button label"))

    class Meta:
        icon = "link"
        template = "site/blocks/call_to_action.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
        template="site/blocks/paragraph.html",
    )
    quote = QuoteBlock()
    image = ImageBlock(label=_("Image"), template="site/blocks/image.html")
    call_to_action = CallToActionBlock()


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Or an address"),
        required=False,
        help_text=_("A full web address or a path on this site, e.g. /portal/."),
    )

    class Meta:
        icon = "link"

    def clean(self, value):
        from django.core.exceptions import ValidationError

        value = super().clean(value)
        url = (value.get("url") or "").strip()
        if not value.get("page") and not url:
            raise ValidationError(_("Choose a page or enter an address."))
        if url and not is_safe_link(url):
            raise ValidationError(
                _("Enter an address starting with https://, http://, mailto: or /.")
            )
        return value


def is_safe_link(url: str) -> bool:
    """Web, mail and site-relative addresses only: never javascript: or data: links."""
    lowered = url.strip().lower()
    if lowered.startswith("/"):
        return not lowered.startswith("//")
    return lowered.startswith(("https://", "http://", "mailto:"))
