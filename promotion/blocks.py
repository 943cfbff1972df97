from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from wsr.site.blocks import HeadingBlock

RICH = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4", "superscript"]


class PullQuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False)

    class Meta:
        icon = "openquote"
        template = "promotion/blocks/pull_quote.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    credit = blocks.CharBlock(label=_("Credit"), required=False)

    class Meta:
        icon = "image"
        template = "promotion/blocks/figure.html"


class DataTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("Caption"))
    table = TableBlock(label=_("Table"))
    source = blocks.CharBlock(label=_("Source"), required=False)

    class Meta:
        icon = "table"
        template = "promotion/blocks/data_table.html"


class CalloutBlock(blocks.StructBlock):
    """A link to evidence: a repository resource, an initiative, a scorecard."""

    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("A page (a resource…)"), required=False)
    path = blocks.CharBlock(
        label=_("Or a path on this site"),
        required=False,
        help_text=_("For an initiative or a scorecard, e.g. /initiatives/fair-food-program/."),
    )

    class Meta:
        icon = "link"
        template = "promotion/blocks/callout.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=RICH, template="site/blocks/paragraph.html"
    )
    pull_quote = PullQuoteBlock()
    figure = FigureBlock()
    data_table = DataTableBlock()
    embed = EmbedBlock(label=_("Embed"), template="promotion/blocks/embed.html")
    callout = CalloutBlock()


class EndnoteBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=["bold", "italic", "link"], **kwargs)
